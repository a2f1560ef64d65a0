using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustyTrade.Core.Idempotency;
using TrustyTrade.Core.Listings;
using TrustyTrade.Core.Users;

namespace TrustyTrade.Core.Deals;

/// <summary>
/// The use cases that move a deal and its money. Each runs in one transaction: lock the deal (or listing), replay
/// the first result if the key was seen, else decide with <see cref="DealStateMachine"/> and write every effect.
/// </summary>
public sealed partial class DealService(
    IEscrowStore store,
    IOptions<EscrowOptions> options,
    TimeProvider timeProvider,
    ILogger<DealService> logger)
{
    private const string BuyCommandName = "buy";

    private static readonly JsonSerializerOptions ResultJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly EscrowOptions _policy = options.Value;

    public Task<DealResult> BuyAsync(IdentifiedCommand<BuyListing> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var buy = request.Command;
        return IdempotentAsync(request.Key, BuyCommandName, dealId: null, async session =>
        {
            var (listing, stored) = await session.LockListingAsync(buy.ListingId, request.Key, cancellationToken).ConfigureAwait(false);
            if (listing is null)
            {
                return DealResult.Refused(DealRefusalCode.ListingUnavailable, "this listing does not exist");
            }

            // A replay of the buy that reserved this listing is answered before its status is looked at; the same
            // key on another listing or from another buyer is a different request.
            if (Replay(stored, BuyCommandName, null) is { } replay)
            {
                return replay.Deal is { } first && (first.ListingId != buy.ListingId || first.BuyerId != buy.BuyerId)
                    ? KeyReused()
                    : replay;
            }

            var buyer = await session.FindUserAsync(buy.BuyerId, cancellationToken).ConfigureAwait(false);
            var refusal = listing switch
            {
                _ when buyer is null => new DealRefusal(DealRefusalCode.UserNotFound, "register with the bot first"),
                _ when buyer.IsBanned => new DealRefusal(DealRefusalCode.UserBanned, "your account is blocked"),
                { SellerId: var seller } when seller == buy.BuyerId => new DealRefusal(DealRefusalCode.OwnListing, "you can't buy your own listing"),
                { Status: not ListingStatus.Active } => new DealRefusal(DealRefusalCode.ListingUnavailable, "this listing is not for sale right now"),
                _ => null,
            };
            if (refusal is not null)
            {
                return DealResult.Refused(refusal);
            }

            var now = timeProvider.GetUtcNow();
            var warrantyDays = await session.FindWarrantyDaysAsync(listing.Game, cancellationToken).ConfigureAwait(false)
                ?? _policy.DefaultWarrantyDays;
            var deal = await session.CreateDealAsync(
                new NewDeal(listing.SellerId, buy.BuyerId, listing.Id, listing.Price, _policy.CommissionOn(listing.Price),
                    warrantyDays, now, now + _policy.PaymentWindow),
                cancellationToken).ConfigureAwait(false);
            LogDealCreated(deal.Id, listing.Id, deal.Price);
            return DealResult.Success(deal);
        }, cancellationToken);
    }

    public Task<DealResult> ExecuteAsync(IdentifiedCommand<ActOnDeal> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (dealId, actor, command) = request.Command;
        return IdempotentAsync(request.Key, command.Name, dealId, async session =>
        {
            var (deal, stored) = await session.LockDealAsync(dealId, request.Key, cancellationToken).ConfigureAwait(false);
            if (deal is null)
            {
                return DealResult.Refused(DealRefusalCode.DealNotFound, "this deal does not exist");
            }

            // A replay shows the deal as the command left it, so only to someone who may see this deal.
            if (deal.RoleOf(actor) == DealRole.Stranger)
            {
                return DealResult.Refused(DealRefusalCode.NotAParty, "only the buyer, the seller or an admin may act on this deal");
            }

            if (Replay(stored, command.Name, dealId) is { } replay)
            {
                return replay;
            }

            if (actor.Kind == ActorKind.Admin && !await IsActiveAdminAsync(session, actor, cancellationToken).ConfigureAwait(false))
            {
                return DealResult.Refused(DealRefusalCode.NotAllowedForRole, "only an admin may act as admin");
            }

            if (actor.Kind == ActorKind.Admin && (actor.UserId == deal.BuyerId || actor.UserId == deal.SellerId))
            {
                return DealResult.Refused(DealRefusalCode.NotAllowedForRole, "an admin can't decide on a deal of their own");
            }

            var decision = DealStateMachine.Decide(deal, command, actor, timeProvider.GetUtcNow(), _policy);
            if (decision.Transition is not { } transition)
            {
                return DealResult.Refused(decision.Refusal!);
            }

            await session.ApplyAsync(transition, cancellationToken).ConfigureAwait(false);
            LogTransition(deal.Id, command.Name, deal.Status, transition.After.Status);
            return DealResult.Success(transition.After);
        }, cancellationToken);
    }

    /// <summary>
    /// The one place idempotency lives. The body locks its aggregate and reads the key in the same step, so two
    /// deliveries of one key on one deal take turns; the same key racing on two deals is caught by the store's
    /// unique key (at save or commit), and the retry replays.
    /// </summary>
    private async Task<DealResult> IdempotentAsync(
        IdempotencyKey key, string commandName, long? dealId, Func<IEscrowSession, Task<DealResult>> body, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var session = await store.BeginAsync(cancellationToken).ConfigureAwait(false);
                var result = await body(session).ConfigureAwait(false);
                if (result.Replayed || result.Deal is null)
                {
                    return result; // a replay or a refusal changes nothing, so nothing is kept
                }

                await session.SaveCommandResultAsync(
                    key, new StoredCommandResult(commandName, result.Deal.Id, JsonSerializer.Serialize(result.Deal, ResultJson)),
                    cancellationToken).ConfigureAwait(false);
                await session.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
            catch (DuplicateIdempotencyKeyException) when (attempt == 1)
            {
                LogKeyRace(key.Value, dealId);
            }
        }
    }

    private static DealResult? Replay(StoredCommandResult? stored, string commandName, long? dealId)
    {
        if (stored is null)
        {
            return null;
        }

        if (stored.CommandName != commandName || (dealId is not null && stored.DealId != dealId))
        {
            return KeyReused();
        }

        return new DealResult(JsonSerializer.Deserialize<Deal>(stored.ResultJson, ResultJson), null, Replayed: true);
    }

    private static DealResult KeyReused() =>
        DealResult.Refused(DealRefusalCode.IdempotencyKeyReused, "this request id was already used for another request");

    private static async Task<bool> IsActiveAdminAsync(IEscrowSession session, Actor actor, CancellationToken cancellationToken) =>
        actor.UserId is { } id
        && await session.FindUserAsync(id, cancellationToken).ConfigureAwait(false) is { Role: UserRole.Admin, IsBanned: false };

    [LoggerMessage(Level = LogLevel.Information, Message = "Deal {DealId} created for listing {ListingId} at {Price}")]
    private partial void LogDealCreated(long dealId, long listingId, Monetary.Money price);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deal {DealId}: {Command} moved it from {From} to {To}")]
    private partial void LogTransition(long dealId, string command, DealStatus from, DealStatus to);

    [LoggerMessage(Level = LogLevel.Information, Message = "Idempotency key {Key} was saved concurrently (deal {DealId}); replaying")]
    private partial void LogKeyRace(string key, long? dealId);
}
