using System.Text.RegularExpressions;

namespace TrustyTrade.Functions.Telemetry;

/// <summary>Takes secrets out of what telemetry records.</summary>
internal static partial class SecretRedaction
{
    /// <summary>
    /// The URL with a Telegram bot token (<c>/bot123456:ABC…/</c>, also in file URLs) replaced by <c>/bot[redacted]/</c>,
    /// and without its query string, which may hold anything.
    /// </summary>
    public static string? Url(Uri? uri)
    {
        if (uri is null)
        {
            return null;
        }

        var withoutQuery = uri.IsAbsoluteUri ? uri.GetLeftPart(UriPartial.Path) : uri.OriginalString.Split('?')[0];
        return BotToken().Replace(withoutQuery, "/bot[redacted]");
    }

    [GeneratedRegex(@"/bot\d+:[^/]*", RegexOptions.CultureInvariant)]
    private static partial Regex BotToken();
}
