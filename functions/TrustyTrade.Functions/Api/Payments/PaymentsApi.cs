using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TrustyTrade.Core.Access;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Payments.Payouts;
using TrustyTrade.Core.Payments.Reports;

namespace TrustyTrade.Functions.Api.Payments;

/// <summary>
/// <c>/api/payments/…</c> reads: transactions, a deal's crypto invoice, a user's balance, and the XTR→USDT payout rate
/// (which admins set). Users see only what is theirs; admins and keys with payments:read see everything.
/// </summary>
public sealed class PaymentsApi(ApiEndpoint api, PaymentReports reports, PayoutService payouts)
{
    [Function(nameof(ListTransactions))]
    public Task<IActionResult> ListTransactions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "payments/transactions")] HttpRequest request, CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.SignedIn(ApiScopes.PaymentsRead), async call =>
        {
            var filter = new TransactionFilter(
                call.Number("dealId"), call.Enum<PaymentMethod>("method"), call.Enum<TransactionStatus>("status"), OwnOnly(call.Caller));
            var limit = call.Limit();
            var page = await reports.ListTransactionsAsync(filter, call.Cursor() ?? 0, limit, cancellationToken).ConfigureAwait(false);
            return ApiResult.Ok(new ApiPage<TransactionView>([.. page.Select(TransactionView.Of)], ApiCursor.Next(page, limit, t => t.Id)));
        }, cancellationToken);

    /// <summary>The deal's invoice for its buyer, admins and keys; 404 when there is none or the user is not the buyer.</summary>
    [Function(nameof(GetInvoice))]
    public Task<IActionResult> GetInvoice(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "payments/invoices/{dealId:long}")] HttpRequest request, long dealId,
        CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.SignedIn(ApiScopes.PaymentsRead), async call =>
            await reports.FindInvoiceAsync(dealId, OwnOnly(call.Caller), cancellationToken).ConfigureAwait(false) is { } invoice
                ? ApiResult.Ok(InvoiceView.Of(invoice))
                : ApiResult.Problem(ApiProblem.NotFound("the deal's invoice")), cancellationToken);

    [Function(nameof(GetBalance))]
    public Task<IActionResult> GetBalance(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "payments/balance")] HttpRequest request, CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.UsersOnly, async call =>
        {
            var balances = await payouts.GetBalancesAsync(call.Caller.UserId!.Value, cancellationToken).ConfigureAwait(false);
            return ApiResult.Ok(new BalanceView([.. balances.Select(b => BalanceLine.Of(b.Key, b.Value))]));
        }, cancellationToken);

    [Function(nameof(GetPayoutRate))]
    public Task<IActionResult> GetPayoutRate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "payments/rates")] HttpRequest request, CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.SignedIn(ApiScopes.PaymentsRead), async _ =>
        {
            var rate = RateView.Of(await payouts.GetRateAsync(cancellationToken).ConfigureAwait(false));
            return ApiResult.Ok(rate, ApiETag.Of(rate));
        }, cancellationToken);

    /// <summary>Sets the rate for payouts requested from now on; If-Match must carry the current rate's ETag.</summary>
    [Function(nameof(SetPayoutRate))]
    public Task<IActionResult> SetPayoutRate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "payments/rates")] HttpRequest request, CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.AdminsOnly(), async call =>
        {
            var rate = ApiMoney.ParseDecimal(call.Body<RateChange>().Rate, "rate");
            var before = RateView.Of(await payouts.GetRateAsync(cancellationToken).ConfigureAwait(false));
            call.RequireVersion(ApiETag.Of(before));
            var refusal = await payouts.SetRateAsync(call.Caller.UserId!.Value, rate, cancellationToken).ConfigureAwait(false);
            if (refusal is { } refused)
            {
                return ApiResult.Problem(refused == PayoutRefusal.BadAmount ? PaymentProblems.InvalidRate : PaymentProblems.Of(refused));
            }

            var after = RateView.Of(await payouts.GetRateAsync(cancellationToken).ConfigureAwait(false));
            await call.AuditAsync("payout.rate", "payout_rate", "XTR-USDT", before, after, cancellationToken).ConfigureAwait(false);
            return ApiResult.Ok(after, ApiETag.Of(after));
        }, cancellationToken);

    /// <summary>The user whose things alone a caller may see: a user sees their own; admins and keys see everyone's.</summary>
    internal static long? OwnOnly(ApiCaller caller) => caller.Kind == CallerKind.User ? caller.UserId : null;
}
