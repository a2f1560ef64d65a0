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

    /// <summary>
    /// The notification's text as it is sent at <paramref name="now"/>: a deadline reads both as a moment (in UTC, the
    /// bot knows no one's time zone) and as the time left until it, counted when the message goes out.
    /// </summary>
    public static string Render(Notification notification, DateTimeOffset now)
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
                [
                    deal,
                    notification.Deadline!.Value.UtcDateTime.ToString(Text("DeadlineFormat", culture), culture),
                    TimeLeft(notification.Deadline.Value - now, culture),
                ],
            NotificationKind.AdminBroadcast or NotificationKind.AdminMessage => [notification.Text],
            NotificationKind.ListingApproved or NotificationKind.ListingRejected =>
                [notification.ListingId?.ToString(CultureInfo.InvariantCulture), notification.Text],
            _ => [deal],
        };
        return string.Format(culture, Template(notification, culture), arguments);
    }

    /// <summary>A reminder of a known deadline says what to do before it; one without (or with no text of its own) reads generally.</summary>
    private static string Template(Notification notification, CultureInfo culture) =>
        notification is { Kind: NotificationKind.DeadlineApproaching, DeadlineKind: { } deadline }
            ? Resources.GetString($"DeadlineApproaching{deadline}", culture) ?? Text(nameof(NotificationKind.DeadlineApproaching), culture)
            : Text(notification.Kind.ToString(), culture);

    /// <summary>"in 1 day 6 hours", "in 10 minutes": at most two units, to the nearest minute.</summary>
    private static string TimeLeft(TimeSpan left, CultureInfo culture)
    {
        var minutes = (long)Math.Round(left.TotalMinutes, MidpointRounding.AwayFromZero);
        if (minutes < 1)
        {
            return Text("InLessThanAMinute", culture);
        }

        var (days, hours, rest) = (minutes / (24 * 60), minutes / 60 % 24, minutes % 60);
        string?[] units = days > 0 ? [Count("Day", days, culture), Count("Hour", hours, culture)]
            : hours > 0 ? [Count("Hour", hours, culture), Count("Minute", rest, culture)]
            : [Count("Minute", rest, culture)];
        return string.Format(culture, Text("InTime", culture), string.Join(' ', units.OfType<string>()));
    }

    /// <summary>"21 минуту", "3 часа", "5 days": the plural form the language asks for; null for none.</summary>
    private static string? Count(string unit, long count, CultureInfo culture)
    {
        if (count == 0)
        {
            return null;
        }

        var form = culture.Equals(EnglishCulture) ? (count == 1 ? "One" : "Many") : RussianPluralForm(count);
        return string.Format(culture, Text(unit + form, culture), count);
    }

    /// <summary>Russian counts: 1, 21, 101 → one; 2–4, 22–24 → few; 5–20, 25–30, 11–14 → many.</summary>
    private static string RussianPluralForm(long count) => (count % 10, count % 100) switch
    {
        (1, not 11) => "One",
        (>= 2 and <= 4, not (>= 12 and <= 14)) => "Few",
        _ => "Many",
    };

    private static string Text(string key, CultureInfo culture) =>
        Resources.GetString(key, culture) ?? throw new MissingManifestResourceException($"notification text {key} is missing");
}
