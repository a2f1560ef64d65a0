using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Notifications;
using TrustyTrade.Core.Users;
using TrustyTrade.Core.Vault;

namespace TrustyTrade.Core.Listings;

/// <summary>
/// Listings from draft to sale: sellers create and submit them, admins moderate, buyers search; credentials are
/// sealed by the vault on the way in and opened only for the buyer of a delivered deal.
/// </summary>
public sealed partial class ListingService(
    IListingStore listings,
    IUserStore users,
    ICredentialVault vault,
    INotificationPublisher notifications,
    IOptions<ListingOptions> options,
    TimeProvider timeProvider,
    ILogger<ListingService> logger)
{
    public const int MaxGameLength = 100;
    public const int MaxTitleLength = 120;
    public const int MaxDescriptionLength = 4000;
    public const int MaxCredentialsLength = 2000;
    public const int MaxRejectionReasonLength = 500;
    private const int MaxSearchWords = 5;
    private const int MaxSearchWordLength = 30;

    private readonly ListingOptions _options = options.Value;

    /// <summary>The vault purpose that binds a listing's credentials to that listing.</summary>
    public static string CredentialsPurpose(long listingId) => $"listing-credentials:{listingId.ToString(CultureInfo.InvariantCulture)}";

    public async Task<ListingResult> CreateAsync(long sellerId, ListingDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var seller = await users.FindAsync(sellerId, cancellationToken).ConfigureAwait(false);
        if (seller is null || seller.IsBanned)
        {
            return ListingResult.Refused(ListingRefusalCode.UserBanned, "your account can't sell right now");
        }

        var game = Normalize(draft.Game);
        var title = Normalize(draft.Title);
        var description = draft.Description?.Trim() ?? "";
        var refusal = (game, title, description, draft.Price, draft.Credentials) switch
        {
            _ when game.Length is 0 or > MaxGameLength => ListingResult.Refused(ListingRefusalCode.InvalidGame, $"name the game (1–{MaxGameLength} characters)"),
            _ when title.Length is 0 or > MaxTitleLength => ListingResult.Refused(ListingRefusalCode.InvalidTitle, $"give the listing a title (1–{MaxTitleLength} characters)"),
            _ when description.Length is 0 or > MaxDescriptionLength => ListingResult.Refused(ListingRefusalCode.InvalidDescription, $"describe the account (1–{MaxDescriptionLength} characters)"),
            _ when PriceProblem(draft.Price) is { } problem => ListingResult.Refused(ListingRefusalCode.InvalidPrice, problem),
            _ when draft.Credentials is { } c && !CredentialsFit(c) =>
                ListingResult.Refused(ListingRefusalCode.InvalidCredentials, $"credentials are 1–{MaxCredentialsLength} characters"),
            _ => null,
        };
        if (refusal is not null)
        {
            return refusal;
        }

        var credentials = draft.Credentials;
        var listing = await listings.InsertAsync(
            new NewListing(sellerId, game, title, description, draft.Price, timeProvider.GetUtcNow()),
            credentials is null ? null : id => vault.Encrypt(credentials, CredentialsPurpose(id)),
            cancellationToken).ConfigureAwait(false);
        LogCreated(listing.Id, sellerId, listing.HasCredentials);
        return ListingResult.Success(listing);
    }

    /// <summary>The highest price a listing in <paramref name="currency"/> may ask.</summary>
    public decimal MaxPrice(Currency currency) => currency == Currency.XTR ? _options.MaxPriceXtr : _options.MaxPriceUsdt;

    /// <summary>Why a listing can't ask <paramref name="price"/>, or null when it can.</summary>
    public string? PriceProblem(Money price)
    {
        var max = MaxPrice(price.Currency);
        return price.Amount <= 0 || price.Amount > max || !price.IsWellFormed
            ? $"the price is more than 0 and at most {max} {price.Currency.Code()}, in units of {price.Currency.Code()}"
            : null;
    }

    /// <summary>A seller's own listings (not the removed ones), newest first.</summary>
    public Task<IReadOnlyList<Listing>> ListMineAsync(long sellerId, int limit, CancellationToken cancellationToken) =>
        listings.ListBySellerAsync(sellerId, limit, cancellationToken);

    public Task<Listing?> FindAsync(long listingId, CancellationToken cancellationToken) => listings.FindAsync(listingId, cancellationToken);

    /// <summary>
    /// The seller changes the price (same currency) of a listing not yet in a deal. It stays on sale: moderators judge
    /// what is sold, the price is the seller's call, and a buyer pays the price the deal was opened at.
    /// </summary>
    public async Task<ListingResult> ChangePriceAsync(long listingId, long sellerId, Money price, CancellationToken cancellationToken)
    {
        var listing = await listings.FindAsync(listingId, cancellationToken).ConfigureAwait(false);
        if (listing is null || listing.Status == ListingStatus.Removed)
        {
            return ListingResult.Refused(ListingRefusalCode.NotFound, "this listing does not exist");
        }

        if (listing.SellerId != sellerId)
        {
            return ListingResult.Refused(ListingRefusalCode.NotOwner, "only the seller may change the price");
        }

        var problem = price.Currency != listing.Price.Currency ? $"the price stays in {listing.Price.Currency.Code()}" : PriceProblem(price);
        if (problem is not null)
        {
            return ListingResult.Refused(ListingRefusalCode.InvalidPrice, problem);
        }

        if (!await listings.ChangePriceAsync(listingId, price, PriceableStatuses, cancellationToken).ConfigureAwait(false))
        {
            return ListingResult.Refused(ListingRefusalCode.NotAllowedInStatus, "a listing in a deal or sold keeps its price");
        }

        LogPriceChanged(listingId, price);
        return ListingResult.Success(listing with { Price = price });
    }

    /// <summary>
    /// The seller hands over credentials for a listing that has none stored (delivery typed in the chat): sealed by the
    /// vault, bound to the listing. A listing that has credentials keeps them (a retried delivery changes nothing).
    /// </summary>
    public async Task<ListingResult> AttachCredentialsAsync(long listingId, long sellerId, string credentials, CancellationToken cancellationToken)
    {
        var listing = await listings.FindAsync(listingId, cancellationToken).ConfigureAwait(false);
        if (listing is null || listing.SellerId != sellerId)
        {
            return ListingResult.Refused(ListingRefusalCode.NotOwner, "only the seller may deliver this listing");
        }

        if (!CredentialsFit(credentials))
        {
            return ListingResult.Refused(ListingRefusalCode.InvalidCredentials, $"credentials are 1–{MaxCredentialsLength} characters");
        }

        var attached = await listings.AttachCredentialsAsync(
            listingId, vault.Encrypt(credentials, CredentialsPurpose(listingId)), cancellationToken).ConfigureAwait(false);
        LogCredentialsAttached(listingId, attached);
        return ListingResult.Success(listing with { HasCredentials = true });
    }

    /// <summary>The seller sends a draft to the moderators.</summary>
    public Task<ListingResult> SubmitAsync(long listingId, long sellerId, CancellationToken cancellationToken) =>
        MoveAsync(listingId, ListingStatus.Draft, ListingStatus.PendingModeration, listing => Task.FromResult(
            listing.SellerId == sellerId ? null : ListingResult.Refused(ListingRefusalCode.NotOwner, "only the seller may submit this listing")),
            null, cancellationToken);

    /// <summary>An admin approves a listing: it goes on sale, and its seller is told.</summary>
    public Task<ListingResult> ApproveAsync(long listingId, long adminId, CancellationToken cancellationToken) =>
        ApproveAsync(listingId, Actor.Admin(adminId), cancellationToken);

    /// <summary>
    /// Moderation by an admin (checked to be one now) or by the platform: an integration the API let in with the
    /// moderation scope. A user is never a moderator, not even of someone else's listing.
    /// </summary>
    public Task<ListingResult> ApproveAsync(long listingId, Actor moderator, CancellationToken cancellationToken) =>
        ModerateAsync(listingId, moderator, ListingStatus.Active, null, cancellationToken);

    /// <summary>An admin sends a listing back to its seller as a draft, saying why; the seller is told the reason.</summary>
    public Task<ListingResult> RejectAsync(long listingId, long adminId, string reason, CancellationToken cancellationToken) =>
        RejectAsync(listingId, Actor.Admin(adminId), reason, cancellationToken);

    /// <summary>
    /// A rejection by an admin or the platform. The reason (1–<see cref="MaxRejectionReasonLength"/> characters, trimmed)
    /// stays on the draft until the seller submits it again.
    /// </summary>
    public Task<ListingResult> RejectAsync(long listingId, Actor moderator, string reason, CancellationToken cancellationToken)
    {
        var trimmed = reason?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxRejectionReasonLength
            ? Task.FromResult(ListingResult.Refused(
                ListingRefusalCode.InvalidReason, $"say why the listing is rejected in 1–{MaxRejectionReasonLength} characters"))
            : ModerateAsync(listingId, moderator, ListingStatus.Draft, trimmed, cancellationToken);
    }

    /// <summary>
    /// The seller or an admin takes a listing off the market; not while a deal holds it. Admin rights come with an
    /// admin actor only (an admin's signed-in panel), never with a user who happens to hold the admin role.
    /// </summary>
    public async Task<ListingResult> RemoveAsync(long listingId, Actor remover, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(remover);
        var listing = await listings.FindAsync(listingId, cancellationToken).ConfigureAwait(false);
        if (listing is null)
        {
            return ListingResult.Refused(ListingRefusalCode.NotFound, "this listing does not exist");
        }

        return await MoveAsync(listingId, listing.Status, ListingStatus.Removed, async found =>
        {
            if (found.Status is not (ListingStatus.Draft or ListingStatus.PendingModeration or ListingStatus.Active))
            {
                return ListingResult.Refused(ListingRefusalCode.NotAllowedInStatus, "a listing in a deal or already sold can't be removed");
            }

            return remover switch
            {
                { Kind: ActorKind.Admin, UserId: { } adminId } => await RequireAdminAsync(adminId, cancellationToken).ConfigureAwait(false),
                { Kind: ActorKind.User, UserId: { } userId } when found.SellerId == userId => null,
                _ => ListingResult.Refused(ListingRefusalCode.NotOwner, "only the seller or an admin may remove a listing"),
            };
        }, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<(ListingPage? Page, ListingRefusal? Refusal)> SearchAsync(ListingQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var priced = query.Sort != ListingSort.Newest || query.MinPrice is not null || query.MaxPrice is not null;
        ListingRefusal? Invalid(string detail) => new(ListingRefusalCode.InvalidQuery, detail);
        if (priced && query.Currency is null)
        {
            return (null, Invalid("choose a currency to filter or sort by price"));
        }

        if (query.MinPrice < 0 || query.MaxPrice < 0 || query.MinPrice > query.MaxPrice)
        {
            return (null, Invalid("the price range is empty"));
        }

        if (query.Limit < 1 || query.Limit > _options.MaxPageSize)
        {
            return (null, Invalid($"a page holds 1–{_options.MaxPageSize} listings"));
        }

        if (query.After is { } after && after.Sort != query.Sort)
        {
            return (null, Invalid("the page token belongs to another order"));
        }

        var game = string.IsNullOrWhiteSpace(query.Game) ? null : Normalize(query.Game);
        var search = new ListingSearch(game, query.Currency, query.MinPrice, query.MaxPrice, SearchWords(query.Text), query.Sort,
            query.After, query.Limit + 1, query.Status, query.SellerId);
        var found = await listings.SearchAsync(search, cancellationToken).ConfigureAwait(false);
        var items = found.Take(query.Limit).ToArray();
        var next = found.Count > query.Limit ? ListingCursor.For(items[^1], query.Sort) : null;
        return (new ListingPage(items, next), null);
    }

    /// <summary>The credentials of a delivered deal, for its buyer only; null for anyone else or before delivery.</summary>
    public async Task<string?> RevealCredentialsAsync(long dealId, long viewerId, CancellationToken cancellationToken)
    {
        var deal = await listings.FindDealCredentialsAsync(dealId, cancellationToken).ConfigureAwait(false);
        if (deal is not { Secret: { } secret, DeliveredAt: not null } || deal.BuyerId != viewerId)
        {
            return null;
        }

        LogRevealed(dealId, viewerId);
        return vault.Decrypt(secret, CredentialsPurpose(deal.ListingId));
    }

    /// <summary>Search words: letters and digits only, lower-cased, at most five; anything else separates words.</summary>
    internal static IReadOnlyList<string> SearchWords(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
                continue;
            }

            Flush();
        }

        Flush();
        return words;

        void Flush()
        {
            if (word.Length > 0 && words.Count < MaxSearchWords)
            {
                words.Add(word.ToString(0, Math.Min(word.Length, MaxSearchWordLength)));
            }

            word.Clear();
        }
    }

    private async Task<ListingResult> ModerateAsync(
        long listingId, Actor moderator, ListingStatus to, string? rejectionReason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        var result = await MoveAsync(listingId, ListingStatus.PendingModeration, to,
            _ => moderator switch
            {
                { Kind: ActorKind.System } => Task.FromResult<ListingResult?>(null),
                { Kind: ActorKind.Admin, UserId: { } adminId } => RequireAdminAsync(adminId, cancellationToken),
                _ => Task.FromResult<ListingResult?>(ListingResult.Refused(ListingRefusalCode.NotAdmin, "only an admin may do this")),
            }, rejectionReason, cancellationToken).ConfigureAwait(false);
        if (result.Listing is { } moderated)
        {
            await TellSellerAsync(moderated, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>
    /// The seller hears the moderator's decision from the bot. The decision is already stored: a notice that can't be
    /// queued is logged, not turned into a failure of the decision.
    /// </summary>
    private async Task TellSellerAsync(Listing listing, CancellationToken cancellationToken)
    {
        var seller = await users.FindAsync(listing.SellerId, cancellationToken).ConfigureAwait(false);
        if (seller is null)
        {
            return;
        }

        var rejected = listing.Status == ListingStatus.Draft;
        var id = string.Create(CultureInfo.InvariantCulture,
            $"listing-{listing.Id}-{(rejected ? "rejected" : "approved")}-{timeProvider.GetUtcNow().ToUnixTimeMilliseconds()}");
        try
        {
            await notifications.EnqueueAsync(
                new Notification(id, seller.TelegramId, seller.Language,
                    rejected ? NotificationKind.ListingRejected : NotificationKind.ListingApproved,
                    Text: listing.RejectionReason, ListingId: listing.Id),
                TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogSellerNotTold(exception, listing.Id);
        }
    }

    private async Task<ListingResult> MoveAsync(
        long listingId, ListingStatus from, ListingStatus to, Func<Listing, Task<ListingResult?>> check, string? rejectionReason,
        CancellationToken cancellationToken)
    {
        var listing = await listings.FindAsync(listingId, cancellationToken).ConfigureAwait(false);
        if (listing is null)
        {
            return ListingResult.Refused(ListingRefusalCode.NotFound, "this listing does not exist");
        }

        if (await check(listing).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (listing.Status != from || !await listings.ChangeStatusAsync(listingId, from, to, rejectionReason, cancellationToken).ConfigureAwait(false))
        {
            return ListingResult.Refused(ListingRefusalCode.NotAllowedInStatus, $"not possible while the listing is {listing.Status.ToName()}");
        }

        LogMoved(listingId, from, to);
        return ListingResult.Success(listing with { Status = to, RejectionReason = rejectionReason });
    }

    private static bool CredentialsFit(string credentials) =>
        !string.IsNullOrWhiteSpace(credentials) && credentials.Length <= MaxCredentialsLength;

    private static readonly ListingStatus[] PriceableStatuses = [ListingStatus.Draft, ListingStatus.PendingModeration, ListingStatus.Active];

    private async Task<ListingResult?> RequireAdminAsync(long userId, CancellationToken cancellationToken) =>
        await users.FindAsync(userId, cancellationToken).ConfigureAwait(false) is { Role: UserRole.Admin, IsBanned: false }
            ? null
            : ListingResult.Refused(ListingRefusalCode.NotAdmin, "only an admin may do this");

    private static string Normalize(string? value) =>
        string.Join(' ', (value ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    [LoggerMessage(Level = LogLevel.Information, Message = "Listing {ListingId} created by user {SellerId} (instant delivery: {HasCredentials})")]
    private partial void LogCreated(long listingId, long sellerId, bool hasCredentials);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listing {ListingId}: the seller's notice of the moderator's decision could not be queued")]
    private partial void LogSellerNotTold(Exception exception, long listingId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listing {ListingId} moved from {From} to {To}")]
    private partial void LogMoved(long listingId, ListingStatus from, ListingStatus to);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listing {ListingId}: price changed to {Price}")]
    private partial void LogPriceChanged(long listingId, Money price);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listing {ListingId}: credentials typed by the seller stored (new: {Attached})")]
    private partial void LogCredentialsAttached(long listingId, bool attached);

    [LoggerMessage(Level = LogLevel.Information, Message = "Credentials of deal {DealId} shown to its buyer {UserId}")]
    private partial void LogRevealed(long dealId, long userId);
}
