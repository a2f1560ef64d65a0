using System.Globalization;
using System.Resources;
using TrustyTrade.Core.Users;

namespace TrustyTrade.Core.Notifications;

/// <summary>Renders a notification in its user's language from Notifications.resx (Russian) and Notifications.en.resx.</summary>
public static class NotificationTexts
{
    private static readonly ResourceManager Resources =
        new("TrustyTrade.Core.Notifications.Notifications", typeof(NotificationTexts).Assembly);

    private static readonly CultureInfo RussianCulture = CultureInfo.GetCultureInfo(UserLanguages.Russian);
    private static readonly CultureInfo EnglishCulture = CultureInfo.GetCultureInfo(UserLanguages.English);

    public static string Render(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var problem = notification.Problem();
        if (problem is not null)
        {
            throw new InvalidNotificationException($"notification {notification.Id}: {problem}");
        }

        // Unknown or missing languages read Russian, the bot's first language.
        var culture = notification.Language == UserLanguages.English ? EnglishCulture : RussianCulture;
        var deal = notification.DealId?.ToString(CultureInfo.InvariantCulture);
        object?[] arguments = notification.Kind switch
        {
            NotificationKind.DealPaid or NotificationKind.DealCompleted or NotificationKind.DealRefunded =>
                [deal, notification.Amount!.Value.ToString()],
            NotificationKind.DisputeResolved => [deal, Text($"Outcome{notification.Outcome!.Value}", culture)],
            NotificationKind.DeadlineApproaching =>
                [deal, notification.Deadline!.Value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)],
            NotificationKind.AdminBroadcast => [notification.Text],
            _ => [deal],
        };
        return string.Format(culture, Text(notification.Kind.ToString(), culture), arguments);
    }

    private static string Text(string key, CultureInfo culture) =>
        Resources.GetString(key, culture) ?? throw new MissingManifestResourceException($"notification text {key} is missing");
}
