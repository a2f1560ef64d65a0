using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TrustyTrade.Core.Access;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Deals.Disputes;

namespace TrustyTrade.Functions.Api.Deals;

/// <summary>
/// <c>/api/disputes</c>: the queue admins work through, open disputes oldest first (<c>status=resolved</c>: decided ones,
/// newest first), for admins and integrations with <c>deals:read</c>. Each names the deal version a decision must carry.
/// </summary>
public sealed class DisputesApi(ApiEndpoint api, DealQueries queries, TimeProvider time)
{
    [Function(nameof(ListDisputes))]
    public Task<IActionResult> ListDisputes(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "disputes")] HttpRequest request, CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.AdminsOnly(ApiScopes.DealsRead), async call =>
        {
            var status = call.Enum<DisputeStatus>("status") ?? DisputeStatus.Open;
            var limit = call.Limit();
            var (disputes, refusal) = await queries.ListDisputesAsync(call.Caller.Actor, status, call.Cursor(), limit, cancellationToken).ConfigureAwait(false);
            if (disputes is null)
            {
                return DealProblems.From(refusal!);
            }

            var now = time.GetUtcNow();
            return ApiResult.Ok(new ApiPage<DisputeView>(
                [.. disputes.Select(d => DisputeView.From(d, now))], ApiCursor.Next(disputes, limit, d => d.Id)));
        }, cancellationToken);
}
