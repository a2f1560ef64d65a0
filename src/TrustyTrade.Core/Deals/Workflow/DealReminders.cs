namespace TrustyTrade.Core.Deals.Workflow;

/// <summary>
/// Who is reminded of a deal's deadline and when: the party who has to act before it passes, a configured lead time
/// before it. The buyer must pay, the seller must deliver, the buyer must confirm or dispute. The warranty's end asks
/// nothing of anyone (the buyer already confirmed; the seller's money is released by itself), so it has no reminder.
/// </summary>
public static class DealReminders
{
    /// <summary>The user who has to act before <paramref name="deadline"/> of <paramref name="deal"/>, or null when nobody has to.</summary>
    public static long? RecipientOf(Deal deal, DealDeadlineKind deadline)
    {
        ArgumentNullException.ThrowIfNull(deal);
        return PartyOf(deadline) switch
        {
            DealRole.Buyer => deal.BuyerId,
            DealRole.Seller => deal.SellerId,
            _ => null,
        };
    }

    /// <summary>
    /// When to remind the party of <paramref name="deadline"/>: <paramref name="lead"/> before it is due. None when
    /// the lead is zero (disabled), when nobody has to act, or when less than the lead is left at <paramref name="now"/>
    /// (a short window, or a workflow that reads the deal late), so nobody hears "10 minutes left" with 2 left.
    /// </summary>
    public static DateTimeOffset? RemindAt(DealDeadline deadline, TimeSpan lead, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        return PartyOf(deadline.Kind) is null || lead <= TimeSpan.Zero || lead > deadline.DueAt - now ? null : deadline.DueAt - lead;
    }

    private static DealRole? PartyOf(DealDeadlineKind deadline) => deadline switch
    {
        DealDeadlineKind.Payment or DealDeadlineKind.Inspection => DealRole.Buyer,
        DealDeadlineKind.Delivery => DealRole.Seller,
        _ => null,
    };
}
