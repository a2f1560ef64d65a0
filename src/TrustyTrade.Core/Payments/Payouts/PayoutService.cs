using Microsoft.Extensions.Logging;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Payments.Chain;
using TrustyTrade.Core.Users;

namespace TrustyTrade.Core.Payments.Payouts;

/// <summary>
/// Withdrawals: a user asks for part of their balance in USDT (Stars converted at the rate an admin set, since a bot
/// can't send Stars to a user); the money moves to payout pending at once, and an admin approves or rejects.
/// Sending is <see cref="PayoutSender"/>'s.
/// </summary>
public sealed partial class PayoutService(IPayoutStore store, IUserStore users, ILogger<PayoutService> logger)
{
    public const int MaxRejectReasonLength = 1000;

    /// <summary>How many times a request is tried when racing requests keep moving the balance under it.</summary>
    private const int MaxCreateAttempts = 3;

    /// <summary>Sets the XTR→USDT rate for the payouts requested from now on (history is kept).</summary>
    public async Task<PayoutRefusal?> SetRateAsync(long adminId, decimal rate, CancellationToken cancellationToken)
    {
        if (!await IsAdminAsync(adminId, cancellationToken).ConfigureAwait(false))
        {
            return PayoutRefusal.NotAdmin;
        }

        if (rate <= 0m || decimal.Round(rate, 6) != rate || rate >= 100_000_000_000_000m)
        {
            return PayoutRefusal.BadAmount;
        }

        await store.SetRateAsync(adminId, rate, cancellationToken).ConfigureAwait(false);
        LogRate(rate, adminId);
        return null;
    }

    /// <summary>What <paramref name="userId"/> may withdraw in <paramref name="currency"/> now.</summary>
    public Task<PayoutBalance> GetBalanceAsync(long userId, Currency currency, CancellationToken cancellationToken) =>
        store.GetBalanceAsync(userId, currency, cancellationToken);

    /// <summary>What <paramref name="userId"/> may withdraw now, in every currency.</summary>
    public async Task<IReadOnlyDictionary<Currency, PayoutBalance>> GetBalancesAsync(long userId, CancellationToken cancellationToken)
    {
        var balances = new Dictionary<Currency, PayoutBalance>();
        foreach (var currency in Enum.GetValues<Currency>())
        {
            balances[currency] = await store.GetBalanceAsync(userId, currency, cancellationToken).ConfigureAwait(false);
        }

        return balances;
    }

    /// <summary>The XTR→USDT rate Stars are paid out at, or null while no admin has set one.</summary>
    public Task<decimal?> GetRateAsync(CancellationToken cancellationToken) => store.GetRateAsync(cancellationToken);

    public Task<Payout?> FindAsync(long payoutId, CancellationToken cancellationToken) => store.FindAsync(payoutId, cancellationToken);

    /// <summary>A page of payouts in id order: <paramref name="userId"/>'s only when given, in <paramref name="status"/> when given.</summary>
    public Task<IReadOnlyList<Payout>> ListAsync(long? userId, PayoutStatus? status, long afterId, int limit, CancellationToken cancellationToken) =>
        store.ListPageAsync(userId, status, afterId, limit, cancellationToken);

    public async Task<PayoutResult> RequestAsync(PayoutRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ChainAddress.IsValid(request.Address))
        {
            return PayoutResult.Refused(PayoutRefusal.BadAddress);
        }

        if (request.Amount.Amount <= 0m || !request.Amount.IsWellFormed)
        {
            return PayoutResult.Refused(PayoutRefusal.BadAmount);
        }

        decimal? rate = null;
        var usdt = request.Amount.Amount;
        if (request.Amount.Currency != Currency.USDT)
        {
            rate = await store.GetRateAsync(cancellationToken).ConfigureAwait(false);
            if (rate is not { } known)
            {
                return PayoutResult.Refused(PayoutRefusal.NoRate);
            }

            usdt = PayoutPostings.ToUsdt(request.Amount.Amount, known);
            if (usdt <= 0m)
            {
                return PayoutResult.Refused(PayoutRefusal.TooSmall);
            }
        }

        var address = ChainAddress.Normalize(request.Address, nameof(request));
        for (var attempt = 1; ; attempt++)
        {
            // The store checks again under the user's lock: this read only shapes the posting (earnings first).
            var balance = await store.GetBalanceAsync(request.UserId, request.Amount.Currency, cancellationToken).ConfigureAwait(false);
            if (balance.Total < request.Amount.Amount)
            {
                // A replay of a request already stored must still answer with it, though the balance has moved on.
                return await store.FindByKeyAsync(request.Key, cancellationToken).ConfigureAwait(false) is { } replayed
                    ? PayoutResult.Done(replayed)
                    : PayoutResult.Refused(PayoutRefusal.InsufficientBalance);
            }

            var posting = PayoutPostings.Request(request.UserId, request.Amount, balance, usdt);
            var payout = await store.CreateAsync(
                new NewPayout(request.UserId, usdt, address, request.Amount.Currency, request.Amount.Amount, rate, request.Key, posting), cancellationToken)
                .ConfigureAwait(false);
            if (payout is not null)
            {
                LogRequested(payout.Id, payout.UserId, payout.Amount, payout.SourceAmount, payout.SourceCurrency);
                return PayoutResult.Done(payout);
            }

            // Refused under the lock: a request that raced this one spent from the balance after it was read, so the
            // split (earnings first) may be stale though the total still covers it. Read the balance again and retry.
            if (attempt == MaxCreateAttempts)
            {
                return PayoutResult.Refused(PayoutRefusal.InsufficientBalance);
            }
        }
    }

    public Task<PayoutResult> ApproveAsync(long adminId, long payoutId, CancellationToken cancellationToken) =>
        DecideAsync(adminId, payoutId, () => store.ApproveAsync(payoutId, adminId, cancellationToken), cancellationToken);

    /// <summary>
    /// Rejects a request, saying why (1–<see cref="MaxRejectReasonLength"/> characters): the money goes back to the
    /// balances it came from (Stars as Stars).
    /// </summary>
    public Task<PayoutResult> RejectAsync(long adminId, long payoutId, string reason, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(reason) || reason.Length > MaxRejectReasonLength
            ? Task.FromResult(PayoutResult.Refused(PayoutRefusal.InvalidReason))
            : DecideAsync(adminId, payoutId, () => store.RejectAsync(payoutId, adminId, reason, cancellationToken), cancellationToken);

    private async Task<PayoutResult> DecideAsync(long adminId, long payoutId, Func<Task<bool>> decide, CancellationToken cancellationToken)
    {
        if (!await IsAdminAsync(adminId, cancellationToken).ConfigureAwait(false))
        {
            return PayoutResult.Refused(PayoutRefusal.NotAdmin);
        }

        if (await store.FindAsync(payoutId, cancellationToken).ConfigureAwait(false) is null)
        {
            return PayoutResult.Refused(PayoutRefusal.NotFound);
        }

        if (!await decide().ConfigureAwait(false))
        {
            return PayoutResult.Refused(PayoutRefusal.WrongStatus);
        }

        var payout = await store.FindAsync(payoutId, cancellationToken).ConfigureAwait(false);
        LogDecided(payoutId, payout!.Status, adminId);
        return PayoutResult.Done(payout);
    }

    private async Task<bool> IsAdminAsync(long userId, CancellationToken cancellationToken) =>
        await users.FindAsync(userId, cancellationToken).ConfigureAwait(false) is { Role: UserRole.Admin, IsBanned: false };

    [LoggerMessage(Level = LogLevel.Information, Message = "XTR→USDT payout rate set to {Rate} by admin {AdminId}")]
    private partial void LogRate(decimal rate, long adminId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payout {PayoutId} requested by user {UserId}: {Amount} USDT from {SourceAmount} {SourceCurrency}")]
    private partial void LogRequested(long payoutId, long userId, decimal amount, decimal sourceAmount, Currency sourceCurrency);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payout {PayoutId} is now {Status}, decided by admin {AdminId}")]
    private partial void LogDecided(long payoutId, PayoutStatus status, long adminId);
}
