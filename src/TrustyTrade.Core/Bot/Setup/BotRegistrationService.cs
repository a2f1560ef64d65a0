using Microsoft.Extensions.Options;
using TrustyTrade.Core.Users;

namespace TrustyTrade.Core.Bot.Setup;

/// <summary>
/// Registers the bot with Telegram once per deployment: the webhook with its secret and the update kinds the bot
/// handles, then the command menu and descriptions in Russian (the default, for every language but English) and
/// English. Every call sets a whole value, so running it again is harmless.
/// </summary>
public sealed class BotRegistrationService(
    IBotSetupClient setup,
    IOptions<BotRegistrationOptions> registration,
    IOptions<TelegramWebhookOptions> webhook)
{
    /// <summary>The webhook function's route under the Functions host's /api prefix.</summary>
    public const string WebhookPath = "/api/telegram/webhook";

    /// <summary>
    /// Only what the bot handles: Telegram then sends nothing else (no edited messages, no channel posts), so the
    /// webhook and the queue don't carry updates that would be dropped anyway.
    /// </summary>
    public static IReadOnlyList<string> AllowedUpdates { get; } = ["message", "callback_query", "pre_checkout_query"];

    public Uri WebhookUrl => new(registration.Value.PublicBaseUrl.TrimEnd('/') + WebhookPath);

    public async Task<Uri> RegisterAsync(CancellationToken cancellationToken)
    {
        var url = WebhookUrl;
        await setup.SetWebhookAsync(url, webhook.Value.WebhookSecret, AllowedUpdates, cancellationToken).ConfigureAwait(false);

        // Null is Telegram's default for users whose app language has no menu of its own: the bot speaks Russian first.
        foreach (var (language, languageCode) in new[] { (UserLanguages.Russian, (string?)null), (UserLanguages.English, UserLanguages.English) })
        {
            await setup.SetCommandsAsync(BotSetupTexts.CommandsIn(language), languageCode, cancellationToken).ConfigureAwait(false);
            await setup.SetDescriptionAsync(
                BotSetupTexts.Description(language), BotSetupTexts.ShortDescription(language), languageCode, cancellationToken).ConfigureAwait(false);
        }

        return url;
    }
}
