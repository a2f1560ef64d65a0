using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using TrustyTrade.Core.Access;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Idempotency;
using TrustyTrade.Functions.Deals;

namespace TrustyTrade.Functions.Api.Deals;

/// <summary>
/// <c>/api/deals</c>: a user sees and opens their own deals; admins and integrations with <c>deals:read</c> see all, and
/// integrations with <c>deals:write</c> open deals for a buyer. A deal's ETag is its version.
/// </summary>
public sealed class DealsApi(ApiEndpoint api, DealService deals, DealQueries queries, TimeProvider time)
{
    /// <summary>
    /// Buying is for a user acting for themself and for integrations acting for a buyer; an admin's token is for
    /// deciding on deals, not for opening them. It moves money later, so it runs once per Idempotency-Key.
    /// </summary>
    private static readonly ApiAccess Buyers =
        new ApiAccess(Anonymous: false, Users: true, Admins: false, Scope: ApiScopes.DealsWrite).WithMoney();

    /// <summary>A party's own commands: the buyer's and the seller's, each once per Idempotency-Key.</summary>
    private static readonly ApiAccess Parties = ApiAccess.UsersOnly.WithMoney();

    [Function(nameof(ListDeals))]
    public Task<IActionResult> ListDeals(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "deals")] HttpRequest request, CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.SignedIn(ApiScopes.DealsRead), async call =>
        {
            var filter = new DealFilter(
                call.Enum<DealStatus>("status"), call.Number("userId"), call.Number("listingId"), Time(call, "createdFrom"), Time(call, "createdTo"),
                Search: call.Query("q") is { Length: > DealFilter.MaxSearchLength }
                    ? throw new ApiProblemException(ApiProblem.BadRequest($"q is at most {DealFilter.MaxSearchLength} characters"))
                    : call.Query("q"));
            var limit = call.Limit();
            var page = await queries.ListAsync(call.Caller.Actor, filter, call.Cursor(), limit, cancellationToken).ConfigureAwait(false);
            return ApiResult.Ok(new ApiPage<DealSummary>(page, ApiCursor.Next(page, limit, d => d.Deal.Id)));
        }, cancellationToken);

    /// <summary>The deal, its timeline and its workflow's state, for its parties, admins and integrations with <c>deals:read</c>.</summary>
    [Function(nameof(GetDeal))]
    public Task<IActionResult> GetDeal(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "deals/{id:long}")] HttpRequest request, long id,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.SignedIn(ApiScopes.DealsRead), async call =>
        {
            var (detail, refusal) = await queries.FindAsync(id, call.Caller.Actor, new DurableDealWorkflow(client), cancellationToken).ConfigureAwait(false);
            if (detail is null)
            {
                return DealProblems.From(refusal!);
            }

            var page = new DealDetailView(detail.Deal, detail.Title, detail.Timeline, detail.Workflow,
                detail.Dispute is { } dispute ? DisputeView.From(dispute, time.GetUtcNow()) : null);
            return ApiResult.Ok(page, ApiETag.OfVersion(detail.Deal.Version));
        }, cancellationToken);

    /// <summary>Opens a deal on a listing: a user buys for themself, an integration names the buyer. Starts the deal's workflow.</summary>
    [Function(nameof(CreateDeal))]
    public Task<IActionResult> CreateDeal(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "deals")] HttpRequest request,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        api.RunAsync(request, Buyers, async call =>
        {
            var purchase = call.Body<DealPurchase>();
            var buyerId = (call.Caller.UserId, purchase.BuyerId) switch
            {
                ({ } self, var named) when named is null || named == self => self,
                ({ }, _) => throw new ApiProblemException(ApiProblem.Forbidden("a user buys only for themself")),
                (null, { } named and > 0) => named,
                (null, _) => throw new ApiProblemException(ApiProblem.BadRequest("an integration names the buyer in buyerId")),
            };
            if (purchase.ListingId <= 0)
            {
                return ApiResult.Problem(ApiProblem.BadRequest("listingId must be a positive whole number"));
            }

            var result = await deals.WithWorkflow(new DurableDealWorkflow(client))
                .BuyAsync(new IdentifiedCommand<BuyListing>(DealCommandKey.For(call), new BuyListing(purchase.ListingId, buyerId)), cancellationToken)
                .ConfigureAwait(false);
            if (result.Deal is not { } deal)
            {
                return DealProblems.From(result.Refusal!);
            }

            var id = deal.Id.ToString(CultureInfo.InvariantCulture);
            if (call.Caller.Kind == CallerKind.ApiKey && !result.Replayed)
            {
                await call.AuditAsync("deal.create", "deal", id, null, ApiJson.Snapshot(deal), cancellationToken).ConfigureAwait(false);
            }

            return ApiResult.Created(deal, $"/api/deals/{id}") with { ETag = ApiETag.OfVersion(deal.Version) };
        }, cancellationToken);

    /// <summary>A party calls off an unpaid deal.</summary>
    [Function(nameof(CancelDeal))]
    public Task<IActionResult> CancelDeal(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "deals/{id:long}/cancel")] HttpRequest request, long id,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        ActWithoutBodyAsync(request, id, new Core.Deals.CancelDeal(), client, cancellationToken);

    /// <summary>The buyer says they have the account: the money moves on to the warranty hold.</summary>
    [Function(nameof(ConfirmDeal))]
    public Task<IActionResult> ConfirmDeal(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "deals/{id:long}/confirm")] HttpRequest request, long id,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        ActWithoutBodyAsync(request, id, new ConfirmReceipt(), client, cancellationToken);

    /// <summary>A party asks an admin to decide; the money stays frozen where it is.</summary>
    [Function(nameof(DisputeDeal))]
    public Task<IActionResult> DisputeDeal(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "deals/{id:long}/dispute")] HttpRequest request, long id,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        api.RunAsync(request, Parties, call => ActAsync(call, id, new OpenDispute(call.Body<DisputeRequest>().Reason), client, cancellationToken), cancellationToken);

    private Task<IActionResult> ActWithoutBodyAsync(
        HttpRequest request, long id, DealCommand command, DurableTaskClient client, CancellationToken cancellationToken) =>
        api.RunAsync(request, Parties, call =>
        {
            call.NoBody();
            return ActAsync(call, id, command, client, cancellationToken);
        }, cancellationToken);

    /// <summary>One party's command through Core under the caller's Idempotency-Key; Core decides whether this party may.</summary>
    private async Task<ApiResult> ActAsync(ApiCall call, long id, DealCommand command, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var result = await deals.WithWorkflow(new DurableDealWorkflow(client))
            .ExecuteAsync(new IdentifiedCommand<ActOnDeal>(DealCommandKey.For(call), new ActOnDeal(id, call.Caller.Actor, command)), cancellationToken)
            .ConfigureAwait(false);
        return result.Deal is { } deal ? ApiResult.Ok(deal, ApiETag.OfVersion(deal.Version)) : DealProblems.From(result.Refusal!);
    }

    private static DateTimeOffset? Time(ApiCall call, string name) => call.Query(name) is { } text
        ? DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : throw new ApiProblemException(ApiProblem.BadRequest($"{name} must be a date and time such as 2026-11-28T12:00:00Z"))
        : null;
}
