using TrustyTrade.Core.Access;
using TrustyTrade.Core.Monetary;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary>
/// Matrix rows for <c>/api/payments</c>. Users see their own things (a stranger gets an empty list or 404); payouts
/// are requested by users alone and decided by admins in person, never by keys.
/// </summary>
internal static class PaymentsRouteCases
{
    public static IEnumerable<RouteCase> All { get; } =
    [
        new("ListTransactions", "GET", ApiScopes.PaymentsRead, TransactionsAsync, 401, 200, 200, 200, 200),
        new("GetInvoice", "GET", ApiScopes.PaymentsRead, InvoiceAsync, 401, 200, 404, 200, 200),
        new("GetBalance", "GET", null, _ => Path("/api/payments/balance"), 401, 200, 200, 403, RouteCase.Keys),
        new("ListPayouts", "GET", ApiScopes.PaymentsRead, _ => Path("/api/payments/payouts?status=requested"), 401, 200, 200, 200, 200),

        // The stranger asks for a payout of a balance they don't have.
        new("RequestPayout", "POST", null, RequestPayoutAsync, 401, 201, 409, 403, RouteCase.Keys),
        new("ApprovePayout", "POST", null, async w => Once($"/api/payments/payouts/{(await Seeds(w).PayoutAsync(w.OwnerId)).Id}/approve"),
            401, 403, 403, 200, RouteCase.Keys),
        new("RejectPayout", "POST", null, async w => Once($"/api/payments/payouts/{(await Seeds(w).PayoutAsync(w.OwnerId)).Id}/reject", new { reason = "KYC" }),
            401, 403, 403, 200, RouteCase.Keys),
        new("GetPayoutRate", "GET", ApiScopes.PaymentsRead, _ => Path("/api/payments/rates"), 401, 200, 200, 200, 200),
        new("SetPayoutRate", "PUT", null, SetRateAsync, 401, 403, 403, 200, RouteCase.Keys),
    ];

    /// <summary>A request that moves money, with a fresh Idempotency-Key.</summary>
    public static RouteRequest Once(string path, object? body = null) =>
        new(path, body, new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString("N") });

    private static PaymentSeeds Seeds(MatrixWorld world) => new(world.Host);

    private static Task<RouteRequest> Path(string path) => Task.FromResult(new RouteRequest(path));

    private static async Task<RouteRequest> TransactionsAsync(MatrixWorld world)
    {
        var deal = await Seeds(world).DealAsync(world.OwnerId);
        await Seeds(world).TransactionAsync(deal.Id);
        return new RouteRequest($"/api/payments/transactions?dealId={deal.Id}");
    }

    private static async Task<RouteRequest> InvoiceAsync(MatrixWorld world)
    {
        var deal = await Seeds(world).DealAsync(world.OwnerId);
        await Seeds(world).InvoiceAsync(deal.Id);
        return new RouteRequest($"/api/payments/invoices/{deal.Id}");
    }

    private static async Task<RouteRequest> RequestPayoutAsync(MatrixWorld world)
    {
        await Seeds(world).Data.CreditAsync(world.OwnerId, PaymentSeeds.PayoutAccount, new Money(5m, Currency.USDT));
        return Once("/api/payments/payouts", new { amount = new { amount = "1", currency = "USDT" }, address = PaymentSeeds.NewAddress() });
    }

    private static async Task<RouteRequest> SetRateAsync(MatrixWorld world)
    {
        var etag = (await world.Host.GetAsync("/api/payments/rates", world.Admin)).Headers.ETag.ToString();
        return new RouteRequest(
            "/api/payments/rates", new { rate = $"0.0{Random.Shared.Next(10_000, 99_999)}" }, new Dictionary<string, string> { ["If-Match"] = etag });
    }
}
