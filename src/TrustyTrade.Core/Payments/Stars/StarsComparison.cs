using System.Globalization;

namespace TrustyTrade.Core.Payments.Stars;

/// <summary>
/// Telegram's list of the bot's Star transactions against our charges, as one pure function. Only what settled before
/// a moment counts: a payment still on its way through the updates queue, or a refund between Telegram's answer and our
/// commit, is not a difference yet.
/// </summary>
public static class StarsComparison
{
    /// <summary>Longer than the deal workflow's refund retries and the updates queue's redeliveries take together.</summary>
    public static readonly TimeSpan RefundGrace = TimeSpan.FromHours(2);

    public static IReadOnlyList<StarsDiscrepancy> Compare(
        IReadOnlyList<StarTransaction> telegram, IReadOnlyList<StarsChargeRecord> ours, DateTimeOffset settledBefore)
    {
        ArgumentNullException.ThrowIfNull(telegram);
        ArgumentNullException.ThrowIfNull(ours);

        // Withdrawals, ads and other partners are not users' payments for deals, so they are not compared.
        var payments = telegram.Where(t => t.IsIncomingPayment).GroupBy(t => t.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var refunds = telegram.Where(t => t.IsRefund).GroupBy(t => t.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Min(t => t.Date), StringComparer.Ordinal);
        var recorded = ours.GroupBy(c => c.ChargeId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        var found = new List<StarsDiscrepancy>();
        foreach (var payment in payments.Values.Where(p => p.Date < settledBefore).OrderBy(p => p.Date))
        {
            if (!recorded.TryGetValue(payment.Id, out var ourCharge))
            {
                found.Add(new(payment.Id, StarsDiscrepancyKind.MissingHere, $"Telegram: {Stars(payment.Amount)} paid at {payment.Date:u}"));
                continue;
            }

            if (ourCharge.Amount != payment.Amount)
            {
                found.Add(new(payment.Id, StarsDiscrepancyKind.AmountDiffers, $"Telegram: {Stars(payment.Amount)}, ours: {Stars(ourCharge.Amount)}"));
            }

            if (!ourCharge.Refunded && refunds.TryGetValue(payment.Id, out var refundedAt) && refundedAt < settledBefore)
            {
                found.Add(new(payment.Id, StarsDiscrepancyKind.RefundedOnlyAtTelegram, $"Telegram refunded it at {refundedAt:u}; ours is not refunded"));
            }
        }

        foreach (var charge in recorded.Values.Where(c => c.ReceivedAt < settledBefore).OrderBy(c => c.ReceivedAt))
        {
            if (!payments.ContainsKey(charge.ChargeId))
            {
                found.Add(new(charge.ChargeId, StarsDiscrepancyKind.MissingAtTelegram, $"ours: {Stars(charge.Amount)} received at {charge.ReceivedAt:u}"));
            }
            else if (charge.Refunded && !refunds.ContainsKey(charge.ChargeId))
            {
                found.Add(new(charge.ChargeId, StarsDiscrepancyKind.RefundedOnlyHere, "ours is refunded; Telegram lists no refund"));
            }

            if (!charge.Refunded && charge.RefundOwedSince is { } owed && owed < settledBefore - RefundGrace && !refunds.ContainsKey(charge.ChargeId))
            {
                found.Add(new(charge.ChargeId, StarsDiscrepancyKind.RefundPending, $"{Stars(charge.Amount)} owed back since {owed:u}, not refunded"));
            }
        }

        return found;
    }

    private static string Stars(long amount) => amount.ToString(CultureInfo.InvariantCulture) + " XTR";
}
