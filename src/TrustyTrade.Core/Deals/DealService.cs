using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustyTrade.Core.Deals.Workflow;
using TrustyTrade.Core.Idempotency;
using TrustyTrade.Core.Listings;
using TrustyTrade.Core.Telemetry;
using TrustyTrade.Core.Users;

namespace TrustyTrade.Core.Deals;

/// <summary>
/// The use cases that move a deal and its money. Each runs in one transaction: lock the deal (or listing), replay
/// the first result if the key was seen, else decide with <see cref="DealStateMachine"/> and write every effect.
/// After the commit (and after a replay, in case the first run's signal was lost) it tells the deal's workflow, when
/// it has one: the adapters that take users' and payments' commands pass theirs with <see cref="WithWorkflow"/>; the
/// workflow's own activities act without one, as the workflow reads the deal back after each of them.
/// </summary>
public sealed partial class DealService(
    IEscrowStore store,
    IOptions<EscrowOptions> options,
    TimeProvider timeProvider,
    ILogger<DealService> logger,
    IDealWorkflow? workflow = null,
    BusinessMetrics? metrics = null)
{
    private const string BuyCommandName = "buy";

    private static readonly JsonSerializerOptions ResultJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly EscrowOptions _policy = options.Value;

    /// <summary>The same use cases, telling <paramref name="dealWorkflow"/> about every deal they open or move.</summary>
    public DealService WithWorkflow(IDealWorkflow dealWorkflow)
    {
        ArgumentNullException.ThrowIfNull(dealWorkflow);
        return new DealService(store, options, timeProvider, logger, dealWorkflow, metrics);
    }

    public async Task<DealResult> BuyAsync(IdentifiedCommand<BuyListing> request, CancellationToken cancellationToken)
    {
        var result = await BuyCoreAsync(request, cancellationToken).ConfigureAwait(false);
        if (workflow is not null && result.Deal is { } deal)
        {
            await SignalAsync(deal.Id, "start", () => workflow.StartAsync(deal.Id, cancellationToken)).ConfigureAwait(false);
        }

        return result;
    }

    public async Task<DealResult> ExecuteAsync(IdentifiedCommand<ActOnDeal> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var scope = LogScopes.Deal(logger, request.Command.DealId);
        var result = await ExecuteCoreAsync(request, cancellationToken).ConfigureAwait(false);
        if (!result.Replayed && request.Command.Command is ConfirmPayment payment && result.Deal is { PaidAt: { } paidAt } paid)
        {
            metrics?.PaymentConfirmed(payment.Method, paidAt - paid.CreatedAt);
        }

        if (workflow is not null && result.Deal is { } deal)
        {
            var command = request.Command.Command.Name;
            await SignalAsync(deal.Id, command, () => workflow.DealMovedAsync(deal.Id, command, deal.Status, deal.Version, cancellationToken))
                .ConfigureAwait(false);
        }

        return result;
    }

    private Task<DealResult> BuyCoreAsync(IdentifiedCommand<BuyListing> request, CancellationToken cancellationToken)
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
            var seller = await session.FindUserAsync(listing.SellerId, cancellationToken).ConfigureAwait(false);
            var refusal = listing switch
            {
                _ when buyer is null => new DealRefusal(DealRefusalCode.UserNotFound, "register with the bot first"),
                _ when buyer.IsBanned => new DealRefusal(DealRefusalCode.UserBanned, "your account is blocked"),
                { SellerId: var sellerId } when sellerId == buy.BuyerId => new DealRefusal(DealRefusalCode.OwnListing, "you can't buy your own listing"),
                { Status: not ListingStatus.Active } => new DealRefusal(DealRefusalCode.ListingUnavailable, "this listing is not for sale right now"),
                // A banned seller's listings are off the market: nobody pays someone the platform stopped trusting.
                _ when seller is not { IsBanned: false } => new DealRefusal(DealRefusalCode.ListingUnavailable, "this listing is not for sale right now"),
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
                    warrantyDays, now, now + _policy.PaymentWindowFor(listing.Price.Currency)),
                cancellationToken).ConfigureAwait(false);
            LogDealCreated(deal.Id, listing.Id, deal.Price);
            return DealResult.Success(deal);
        }, cancellationToken);
    }

    private Task<DealResult> ExecuteCoreAsync(IdentifiedCommand<ActOnDeal> request, CancellationToken cancellationToken)
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

    /// <summary>
    /// The deal is committed by now, so a failed signal must not turn the command into an error: the reconciliation
    /// timer starts a missing workflow, and a running one reads the deal again when its current deadline fires.
    /// </summary>
    private async Task SignalAsync(long dealId, string command, Func<Task> signal)
    {
        try
        {
            await signal().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSignalFailed(e, dealId, command);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deal {DealId}: telling its workflow about {Command} failed; reconciliation will repair it")]
    private partial void LogSignalFailed(Exception exception, long dealId, string command);

    [LoggerMessage(Level = LogLevel.Information, Message = "Idempotency key {Key} was saved concurrently (deal {DealId}); replaying")]
    private partial void LogKeyRace(string key, long? dealId);
}
