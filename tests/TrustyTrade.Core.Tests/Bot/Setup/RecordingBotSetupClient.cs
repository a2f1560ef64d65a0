using TrustyTrade.Core.Bot;

namespace TrustyTrade.Core.Tests.Bot.Setup;

/// <summary>Keeps every set-up call, in order, as one line each.</summary>
internal sealed class RecordingBotSetupClient : IBotSetupClient
{
    public List<string> Calls { get; } = [];

    public List<(string? Language, IReadOnlyList<BotCommandText> Commands)> Menus { get; } = [];

    public Uri? WebhookUrl { get; private set; }

    public string? Secret { get; private set; }

    public IReadOnlyList<string> AllowedUpdates { get; private set; } = [];

    public Task SetWebhookAsync(Uri url, string secretToken, IReadOnlyList<string> allowedUpdates, CancellationToken cancellationToken)
    {
        (WebhookUrl, Secret, AllowedUpdates) = (url, secretToken, allowedUpdates);
        Calls.Add("webhook");
        return Task.CompletedTask;
    }

    public Task SetCommandsAsync(IReadOnlyList<BotCommandText> commands, string? languageCode, CancellationToken cancellationToken)
    {
        Menus.Add((languageCode, commands));
        Calls.Add($"commands:{languageCode ?? "default"}");
        return Task.CompletedTask;
    }

    public Task SetDescriptionAsync(string description, string shortDescription, string? languageCode, CancellationToken cancellationToken)
    {
        Calls.Add($"description:{languageCode ?? "default"}");
        return Task.CompletedTask;
    }
}
