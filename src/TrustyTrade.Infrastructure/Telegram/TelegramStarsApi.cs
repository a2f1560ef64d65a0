using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Payments;
using TrustyTrade.Core.Payments.Stars;
using StarTransaction = TrustyTrade.Core.Payments.Stars.StarTransaction;
using TelegramStarTransaction = Telegram.Bot.Types.Payments.StarTransaction;

namespace TrustyTrade.Infrastructure.Telegram;

/// <summary>Stars refunds and the bot's Star transactions through Telegram.Bot; only a repeated refund is not an error.</summary>
internal sealed class TelegramStarsApi(TelegramClientFactory clients) : IStarsApi
{
    public async Task<StarsRefundAnswer> RefundAsync(long userTelegramId, string chargeId, CancellationToken cancellationToken)
    {
        try
        {
            await clients.Create(cancellationToken).RefundStarPayment(userTelegramId, chargeId, cancellationToken).ConfigureAwait(false);
            return StarsRefundAnswer.Refunded;
        }
        catch (ApiRequestException e) when (e.ErrorCode == 400 && e.Message.Contains("CHARGE_ALREADY_REFUNDED", StringComparison.OrdinalIgnoreCase))
        {
            // An earlier run's refund went through before it could record it: the money is back with the payer.
            return StarsRefundAnswer.AlreadyRefunded;
        }
    }

    public async Task<IReadOnlyList<StarTransaction>> ListTransactionsAsync(int offset, int limit, CancellationToken cancellationToken)
    {
        var page = await clients.Create(cancellationToken).GetStarTransactions(offset, limit, cancellationToken).ConfigureAwait(false);
        return [.. (page.Transactions ?? []).Select(ToTransaction)];
    }

    private static StarTransaction ToTransaction(TelegramStarTransaction t) => new(
        t.Id,
        t.Amount,
        new DateTimeOffset(DateTime.SpecifyKind(t.Date, DateTimeKind.Utc)),
        (t.Source as TransactionPartnerUser)?.User.Id,
        (t.Receiver as TransactionPartnerUser)?.User.Id);
}
