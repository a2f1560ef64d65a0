using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TrustyTrade.Core.Access;
using TrustyTrade.Core.Idempotency;
using TrustyTrade.Core.Payments.Payouts;

namespace TrustyTrade.Functions.Api.Payments;

/// <summary>
/// <c>/api/payments/payouts</c>: a user asks for a payout of their balance; an admin in person approves or rejects it
/// (integration keys never decide money going out). Each of these moves money, so each needs an Idempotency-Key.
/// </summary>
public sealed class PayoutsApi(ApiEndpoint api, PayoutService payouts)
{
    [Function(nameof(ListPayouts))]
    public Task<IActionResult> ListPayouts(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "payments/payouts")] HttpRequest request, CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.SignedIn(ApiScopes.PaymentsRead), async call =>
        {
            var status = call.Enum<PayoutStatus>("status");
            var limit = call.Limit();
            var page = await payouts.ListAsync(PaymentsApi.OwnOnly(call.Caller), status, call.Cursor() ?? 0, limit, cancellationToken)
                .ConfigureAwait(false);
            return ApiResult.Ok(new ApiPage<PayoutView>([.. page.Select(PayoutView.Of)], ApiCursor.Next(page, limit, p => p.Id)));
        }, cancellationToken);

    [Function(nameof(RequestPayout))]
    public Task<IActionResult> RequestPayout(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "payments/payouts")] HttpRequest request, CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.UsersOnly.WithMoney(), async call =>
        {
            var body = call.Body<NewPayoutRequest>();
            var result = await payouts.RequestAsync(
                new PayoutRequest(call.Caller.UserId!.Value, body.Amount.ToMoney("amount"), body.Address, CoreKey(call)), cancellationToken)
                .ConfigureAwait(false);
            return result.Payout is { } payout
                ? ApiResult.Created(PayoutView.Of(payout), $"/api/payments/payouts/{payout.Id.ToString(CultureInfo.InvariantCulture)}")
                : ApiResult.Problem(PaymentProblems.Of(result.Refusal!.Value));
        }, cancellationToken);

    [Function(nameof(ApprovePayout))]
    public Task<IActionResult> ApprovePayout(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "payments/payouts/{id:long}/approve")] HttpRequest request, long id,
        CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.AdminsOnly().WithMoney(), call =>
        {
            call.NoBody();
            return DecideAsync(call, id, "payout.approve", () => payouts.ApproveAsync(call.Caller.UserId!.Value, id, cancellationToken), cancellationToken);
        }, cancellationToken);

    /// <summary>Rejects a requested payout: its money goes back to the balances it came from.</summary>
    [Function(nameof(RejectPayout))]
    public Task<IActionResult> RejectPayout(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "payments/payouts/{id:long}/reject")] HttpRequest request, long id,
        CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.AdminsOnly().WithMoney(), call =>
        {
            var reason = call.Body<PayoutRejection>().Reason;
            return DecideAsync(call, id, "payout.reject", () => payouts.RejectAsync(call.Caller.UserId!.Value, id, reason, cancellationToken), cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// The key Core stores with the payout, so a retry requests it once even when the API's own record of the answer is
    /// gone. Per caller, and hashed so any header value the API accepts fits Core's key length.
    /// </summary>
    private static IdempotencyKey CoreKey(ApiCall call)
    {
        var header = call.Request.Headers[ApiEndpoint.IdempotencyKeyHeader].ToString();
        return new IdempotencyKey($"api:{call.Caller.Id}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(header)))}");
    }

    private async Task<ApiResult> DecideAsync(
        ApiCall call, long id, string action, Func<Task<PayoutResult>> decide, CancellationToken cancellationToken)
    {
        var before = await payouts.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (before is null)
        {
            return ApiResult.Problem(PaymentProblems.Of(PayoutRefusal.NotFound));
        }

        var result = await decide().ConfigureAwait(false);
        if (result.Payout is not { } after)
        {
            return ApiResult.Problem(PaymentProblems.Of(result.Refusal!.Value));
        }

        await call.AuditAsync(action, "payout", id.ToString(CultureInfo.InvariantCulture), PayoutView.Of(before), PayoutView.Of(after), cancellationToken)
            .ConfigureAwait(false);
        return ApiResult.Ok(PayoutView.Of(after));
    }
}
