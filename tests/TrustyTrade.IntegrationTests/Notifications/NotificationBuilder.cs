using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Notifications;

namespace TrustyTrade.IntegrationTests.Notifications;

/// <summary>Test notifications whose texts are unique by deal id, so a delivered text tells which notification it was.</summary>
internal static class NotificationBuilder
{
    public static Notification Paid(long dealId, long chatId, string language = "ru") =>
        new($"deal-{dealId}-paid", chatId, language, NotificationKind.DealPaid, DealId: dealId, Amount: new Money(100m + dealId, Currency.XTR));
}
