using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using TrustyTrade.Core.Bot;

namespace TrustyTrade.Infrastructure.Telegram;

/// <summary>The once-per-deployment Bot API calls through Telegram.Bot; every error is thrown, for the operator to see.</summary>
internal sealed class TelegramBotSetup(TelegramClientFactory clients) : IBotSetupClient
{
    public Task SetWebhookAsync(Uri url, string secretToken, IReadOnlyList<string> allowedUpdates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(allowedUpdates);
        var kinds = allowedUpdates.Select(ToUpdateType).ToArray();
        return clients.Create(cancellationToken)
            .SetWebhook(url.AbsoluteUri, allowedUpdates: kinds, secretToken: secretToken, cancellationToken: cancellationToken);
    }

    public Task SetCommandsAsync(IReadOnlyList<BotCommandText> commands, string? languageCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commands);
        return clients.Create(cancellationToken).SetMyCommands(
            commands.Select(c => new BotCommand(c.Command, c.Description)),
            BotCommandScope.Default(),
            languageCode,
            cancellationToken);
    }

    public async Task SetDescriptionAsync(string description, string shortDescription, string? languageCode, CancellationToken cancellationToken)
    {
        var bot = clients.Create(cancellationToken);
        await bot.SetMyDescription(description, languageCode, cancellationToken).ConfigureAwait(false);
        await bot.SetMyShortDescription(shortDescription, languageCode, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>"callback_query" → <see cref="UpdateType.CallbackQuery"/>: the Bot API's names are the enum's in snake case.</summary>
    private static UpdateType ToUpdateType(string name) =>
        Enum.TryParse<UpdateType>(name.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var kind)
        && kind != UpdateType.Unknown
        && !int.TryParse(name, out _)
            ? kind
            : throw new ArgumentException($"'{name}' is not an update kind of the Bot API", nameof(name));
}
