using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using TrustyTrade.Core.Access;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Idempotency;
using TrustyTrade.Functions.Api.Deals;
using TrustyTrade.Functions.Deals;

namespace TrustyTrade.Functions.Api.Escrow;

/// <summary>
/// <c>/api/escrow</c>: where a deal's money is (parties, admins, integrations with <c>escrow:read</c>), and an admin's
/// decision on a dispute. Settling a dispute is a person's judgement, so no API key may do it, whatever its scopes.
/// </summary>
public sealed class EscrowApi(ApiEndpoint api, DealService deals, DealQueries queries)
{
    [Function(nameof(GetEscrow))]
    public Task<IActionResult> GetEscrow(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "escrow/{dealId:long}")] HttpRequest request, long dealId, CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.SignedIn(ApiScopes.EscrowRead), async call =>
        {
            var (escrow, refusal) = await queries.EscrowAsync(dealId, call.Caller.Actor, cancellationToken).ConfigureAwait(false);
            return escrow is null ? DealProblems.From(refusal!) : ApiResult.Ok(escrow, ApiETag.OfVersion(escrow.Deal.Version));
        }, cancellationToken);

    /// <summary>
    /// An admin settles a disputed deal: release, refund or split. It moves money, so it runs once per Idempotency-Key,
    /// and If-Match must carry the deal's current version, so nobody decides on a deal that moved since they read it.
    /// </summary>
    [Function(nameof(ResolveEscrowDispute))]
    public Task<IActionResult> ResolveEscrowDispute(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "escrow/{dealId:long}/resolve")] HttpRequest request, long dealId,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.AdminsOnly().WithMoney(), async call =>
        {
            var decision = call.Body<DisputeDecision>();
            var outcome = decision switch
            {
                { Outcome: DisputeVerdict.Split, SellerShare: null } => throw new ApiProblemException(ApiProblem.BadRequest("a split names the seller's share in sellerShare")),
                { Outcome: not DisputeVerdict.Split, SellerShare: not null } => throw new ApiProblemException(ApiProblem.BadRequest("sellerShare is only for a split")),
                { Outcome: DisputeVerdict.Release } => DisputeOutcome.ReleaseToSeller,
                { Outcome: DisputeVerdict.Refund } => DisputeOutcome.RefundToBuyer,
                _ => DisputeOutcome.Split,
            };
            var (before, refusal) = await queries.FindSummaryAsync(dealId, call.Caller.Actor, cancellationToken).ConfigureAwait(false);
            if (before is null)
            {
                return DealProblems.From(refusal!);
            }

            call.RequireVersion(ApiETag.OfVersion(before.Deal.Version));
            var command = new ActOnDeal(dealId, call.Caller.Actor, new ResolveDispute(outcome, decision.SellerShare, decision.Reason));
            var result = await deals.WithWorkflow(new DurableDealWorkflow(client))
                .ExecuteAsync(new IdentifiedCommand<ActOnDeal>(DealCommandKey.For(call), command), cancellationToken).ConfigureAwait(false);
            if (result.Deal is not { } after)
            {
                return DealProblems.From(result.Refusal!);
            }

            if (!result.Replayed)
            {
                // The deal after, with the decision that moved it (outcome, share and the admin's reason).
                var audited = JsonSerializer.SerializeToNode(after, ApiJson.Options)!.AsObject();
                audited["decision"] = JsonSerializer.SerializeToNode(decision, ApiJson.Options);
                await call.AuditAsync("deal.resolve", "deal", dealId.ToString(CultureInfo.InvariantCulture), ApiJson.Snapshot(before.Deal), ApiJson.Snapshot(audited), cancellationToken)
                    .ConfigureAwait(false);
            }

            return ApiResult.Ok(after, ApiETag.OfVersion(after.Version));
        }, cancellationToken);
}
