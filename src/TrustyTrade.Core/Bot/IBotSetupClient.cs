namespace TrustyTrade.Core.Bot;

/// <summary>The Bot API calls that set the bot up once per deployment: its webhook, commands and descriptions.</summary>
public interface IBotSetupClient
{
    Task SetWebhookAsync(Uri url, string secretToken, IReadOnlyList<string> allowedUpdates, CancellationToken cancellationToken);

    /// <summary>The command menu for users whose app speaks <paramref name="languageCode"/>; null sets the default for everyone else.</summary>
    Task SetCommandsAsync(IReadOnlyList<BotCommandText> commands, string? languageCode, CancellationToken cancellationToken);

    Task SetDescriptionAsync(string description, string shortDescription, string? languageCode, CancellationToken cancellationToken);
}
