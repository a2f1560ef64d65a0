using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TrustyTrade.Core.Access;
using TrustyTrade.Core.Listings;
using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Functions.Api.Accounts;

/// <summary>
/// <c>/api/accounts</c>: the listings (the <c>accounts</c> table). Anyone searches what is on sale; sellers draft,
/// price, submit and remove their own; admins and integrations with <c>accounts:write</c> moderate. Credentials go in
/// with a draft and never come out of any route.
/// </summary>
public sealed class AccountsApi(ApiEndpoint api, ListingService listings)
{
    [Function(nameof(ListAccounts))]
    public Task<IActionResult> ListAccounts(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "accounts")] HttpRequest request, CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.Public, async call =>
        {
            var query = Query(call);
            var (page, refusal) = await listings.SearchAsync(query, cancellationToken).ConfigureAwait(false);
            return page is null
                ? ListingProblems.From(refusal!)
                : ApiResult.Ok(new ApiPage<Listing>(page.Items, page.Next?.Encode()));
        }, cancellationToken);

    /// <summary>A listing on sale is public; one that is not is seen by its seller, admins and readers of all listings.</summary>
    [Function(nameof(GetAccount))]
    public Task<IActionResult> GetAccount(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "accounts/{id:long}")] HttpRequest request, long id, CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.Public, async call =>
            await listings.FindAsync(id, cancellationToken).ConfigureAwait(false) is { } listing
            && (listing.Status == ListingStatus.Active || call.Caller.Is(listing.SellerId) || ReadsAll(call.Caller))
                ? ApiResult.Ok(listing, ApiETag.Of(listing))
                // Drafts and withdrawn listings are nobody else's business, not even that they exist.
                : ApiResult.Problem(ApiProblem.NotFound("the listing")), cancellationToken);

    [Function(nameof(CreateAccount))]
    public Task<IActionResult> CreateAccount(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "accounts")] HttpRequest request, CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.UsersOnly, async call =>
        {
            var draft = call.Body<NewAccount>().ToDraft();
            var result = await listings.CreateAsync(call.Caller.UserId!.Value, draft, cancellationToken).ConfigureAwait(false);
            return result.Listing is { } listing
                ? ApiResult.Created(listing, $"/api/accounts/{Id(listing.Id)}") with { ETag = ApiETag.Of(listing) }
                : ListingProblems.From(result.Refusal!);
        }, cancellationToken);

    /// <summary>The seller changes the price; If-Match must carry the listing's current ETag.</summary>
    [Function(nameof(ChangeAccountPrice))]
    public Task<IActionResult> ChangeAccountPrice(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "accounts/{id:long}")] HttpRequest request, long id, CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.UsersOnly, async call =>
        {
            var change = call.Body<PriceChange>();
            var before = await listings.FindAsync(id, cancellationToken).ConfigureAwait(false);
            if (before is null || before.Status == ListingStatus.Removed || !call.Caller.Is(before.SellerId))
            {
                return before is null || before.Status == ListingStatus.Removed
                    ? ApiResult.Problem(ApiProblem.NotFound("the listing"))
                    : ListingProblems.From(new ListingRefusal(ListingRefusalCode.NotOwner, "only the seller may change the price"));
            }

            call.RequireVersion(ApiETag.Of(before));
            var result = await listings.ChangePriceAsync(id, before.SellerId, change.Price, cancellationToken).ConfigureAwait(false);
            return await AnswerAsync(call, result, action: null, before, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    [Function(nameof(SubmitAccount))]
    public Task<IActionResult> SubmitAccount(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "accounts/{id:long}/submit")] HttpRequest request, long id, CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.UsersOnly, async call =>
        {
            call.NoBody();
            var result = await listings.SubmitAsync(id, call.Caller.UserId!.Value, cancellationToken).ConfigureAwait(false);
            return await AnswerAsync(call, result, action: null, before: null, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>The seller or an admin takes a listing off the market (Core decides which of them may).</summary>
    [Function(nameof(RemoveAccount))]
    public Task<IActionResult> RemoveAccount(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "accounts/{id:long}")] HttpRequest request, long id, CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.SignedIn(), async call =>
        {
            var before = await listings.FindAsync(id, cancellationToken).ConfigureAwait(false);
            var result = await listings.RemoveAsync(id, call.Caller.Actor, cancellationToken).ConfigureAwait(false);
            var answer = await AnswerAsync(call, result, "listing.remove", before, cancellationToken).ConfigureAwait(false);
            return answer.IsProblem ? answer : ApiResult.NoContent;
        }, cancellationToken);

    [Function(nameof(ApproveAccount))]
    public Task<IActionResult> ApproveAccount(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "accounts/{id:long}/approve")] HttpRequest request, long id, CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.AdminsOnly(ApiScopes.AccountsWrite), call =>
        {
            call.NoBody();
            return ModerateAsync(call, id, "listing.approve", () => listings.ApproveAsync(id, call.Caller.Actor, cancellationToken), cancellationToken);
        }, cancellationToken);

    /// <summary>Sends a listing back to its seller as a draft, with the reason the seller is told.</summary>
    [Function(nameof(RejectAccount))]
    public Task<IActionResult> RejectAccount(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "accounts/{id:long}/reject")] HttpRequest request, long id, CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.AdminsOnly(ApiScopes.AccountsWrite), call =>
        {
            var reason = call.Body<ListingRejection>().Reason;
            return ModerateAsync(call, id, "listing.reject", () => listings.RejectAsync(id, call.Caller.Actor, reason, cancellationToken), cancellationToken);
        }, cancellationToken);

    private async Task<ApiResult> ModerateAsync(ApiCall call, long id, string action, Func<Task<ListingResult>> decide, CancellationToken cancellationToken)
    {
        var before = await listings.FindAsync(id, cancellationToken).ConfigureAwait(false);
        var result = await decide().ConfigureAwait(false);
        return await AnswerAsync(call, result, action, before, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The listing as a change left it (read back, so its ETag is the one a later read gives), or the refusal. A change
    /// by an admin or an integration is audited with the listing before and after; a seller's own change is not.
    /// </summary>
    private async Task<ApiResult> AnswerAsync(ApiCall call, ListingResult result, string? action, Listing? before, CancellationToken cancellationToken)
    {
        if (result.Listing is not { } changed)
        {
            return ListingProblems.From(result.Refusal!);
        }

        var after = await listings.FindAsync(changed.Id, cancellationToken).ConfigureAwait(false) ?? changed;
        if (action is not null && call.Caller.Kind is CallerKind.Admin or CallerKind.ApiKey)
        {
            await call.AuditAsync(action, "listing", Id(after.Id), ApiJson.Snapshot(before), ApiJson.Snapshot(after), cancellationToken).ConfigureAwait(false);
        }

        return ApiResult.Ok(after, ApiETag.Of(after));
    }

    /// <summary>
    /// The search from the query string. Everyone searches what is on sale; a signed-in user lists their own with
    /// <c>mine=true</c> (any status); admins and readers of all listings may also filter by status and seller.
    /// </summary>
    private static ListingQuery Query(ApiCall call)
    {
        var sort = call.Enum<ListingSort>("sort") ?? ListingSort.Newest;
        var cursor = call.Query("cursor") is { } token
            ? ListingCursor.TryDecode(token, sort) ?? throw new ApiProblemException(ApiProblem.BadRequest("cursor is not one this API gave out for this sort"))
            : null;
        var status = call.Enum<ListingStatus>("status");
        var sellerId = call.Number("sellerId");
        if (call.Bool("mine") == true)
        {
            var self = call.Caller.UserId
                ?? throw new ApiProblemException(call.Caller.Kind == CallerKind.Anonymous
                    ? ApiProblem.Of(401, "unauthorized", "Sign-in required", "mine=true lists the signed-in user's listings")
                    : ApiProblem.BadRequest("mine=true is for signed-in users"));
            if (sellerId is not null && sellerId != self)
            {
                throw new ApiProblemException(ApiProblem.BadRequest("mine=true lists your own listings: leave sellerId out"));
            }

            sellerId = self;
        }
        else if ((status is not null || sellerId is not null) && !ReadsAll(call.Caller))
        {
            throw new ApiProblemException(ApiProblem.Forbidden("status and sellerId are for admins and keys with accounts:read"));
        }
        else
        {
            status ??= ListingStatus.Active;
        }

        return new ListingQuery(
            call.Query("game"), CurrencyParam(call), Price(call, "minPrice"), Price(call, "maxPrice"), call.Query("q"), sort, cursor, call.Limit(),
            status, sellerId);
    }

    private static Currency? CurrencyParam(ApiCall call) => call.Query("currency") switch
    {
        null => null,
        "XTR" => Currency.XTR,
        "USDT" => Currency.USDT,
        _ => throw new ApiProblemException(ApiProblem.BadRequest("currency must be XTR or USDT")),
    };

    private static decimal? Price(ApiCall call, string name) => call.Query(name) is { } text
        ? text.Length <= 40 && decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ApiProblemException(ApiProblem.BadRequest($"{name} must be a non-negative decimal such as 12.50"))
        : null;

    private static bool ReadsAll(ApiCaller caller) =>
        caller.IsAdmin || (caller.Kind == CallerKind.ApiKey && caller.Scopes.Contains(ApiScopes.AccountsRead));

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
