namespace TrustyTrade.Core.Payments.Stars;

/// <summary>
/// The Bot API's side of Telegram Stars. Errors that may pass (network, 5xx, 429) are thrown, so the caller's retry
/// runs again; Telegram's answer that a charge was refunded already comes back as <see cref="StarsRefundAnswer.AlreadyRefunded"/>.
/// </summary>
public interface IStarsApi
{
    /// <summary>Gives the whole charge back to the user who paid it (refundStarPayment).</summary>
    Task<StarsRefundAnswer> RefundAsync(long userTelegramId, string chargeId, CancellationToken cancellationToken);

    /// <summary>One page of the bot's Star transactions (getStarTransactions), incoming payments and refunds alike.</summary>
    Task<IReadOnlyList<StarTransaction>> ListTransactionsAsync(int offset, int limit, CancellationToken cancellationToken);
}
