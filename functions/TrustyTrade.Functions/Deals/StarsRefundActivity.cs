using Microsoft.Azure.Functions.Worker;
using TrustyTrade.Core.Payments.Stars;

namespace TrustyTrade.Functions.Deals;

/// <summary>
/// The deal workflow's last step for a deal that ended refunded (or resolved with everything to the buyer): the
/// Stars go back to the buyer through Telegram and the payout is posted. Core's <see cref="StarsRefunds"/> makes a
/// second run (a retry, a replay) ask Telegram nothing more and post nothing more.
/// </summary>
public sealed class StarsRefundActivity(StarsRefunds refunds)
{
    public const string Name = nameof(RefundStarsPayment);

    [Function(Name)]
    public Task<StarsRefundOutcome> RefundStarsPayment([ActivityTrigger] long dealId) => refunds.RefundDealAsync(dealId, CancellationToken.None);
}
