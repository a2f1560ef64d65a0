using System.ComponentModel.DataAnnotations;

namespace TrustyTrade.Core.Bot.Setup;

/// <summary>Where Telegram reaches the app: read only by the set-up command (src/TrustyTrade.BotSetup), not the app.</summary>
public sealed class BotRegistrationOptions : IValidatableObject
{
    public const string SectionName = "Telegram";

    /// <summary>Telegram delivers webhooks only over HTTPS, and only to ports 443, 80, 88 and 8443.</summary>
    private static readonly int[] HttpsWebhookPorts = [443, 88, 8443];

    /// <summary>The app's public https:// address, e.g. https://trustytrade.azurewebsites.net; the webhook's path is added to it.</summary>
    [Required]
    public string PublicBaseUrl { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri)
            || uri.Scheme != Uri.UriSchemeHttps
            || uri.UserInfo.Length > 0
            || uri.Query.Length > 0
            || uri.Fragment.Length > 0
            || !HttpsWebhookPorts.Contains(uri.Port))
        {
            yield return new ValidationResult(
                "Telegram:PublicBaseUrl must be an https:// address on port 443, 88 or 8443, without a query, "
                + "e.g. https://trustytrade.azurewebsites.net",
                [nameof(PublicBaseUrl)]);
        }
    }
}
