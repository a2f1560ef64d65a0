using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Telegram.Bot.Exceptions;
using TrustyTrade.Core;
using TrustyTrade.Core.Bot;
using TrustyTrade.Core.Bot.Setup;
using TrustyTrade.Infrastructure.Telegram;

namespace TrustyTrade.BotSetup;

/// <summary>The set-up command: validate the settings, then register; exit 0 when done, 2 on a bad setting, 1 when Telegram refuses.</summary>
internal static class BotSetupCommand
{
    public const int Done = 0;
    public const int TelegramFailed = 1;
    public const int BadSettings = 2;

    public static async Task<int> RunAsync(IConfiguration configuration, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        await using var services = new ServiceCollection()
            .AddLogging()
            .AddTelegramBotApi(configuration)
            .AddValidatedOptions<TelegramWebhookOptions>(configuration.GetSection(TelegramWebhookOptions.SectionName))
            .AddValidatedOptions<BotRegistrationOptions>(configuration.GetSection(BotRegistrationOptions.SectionName))
            .AddSingleton<BotRegistrationService>()
            .BuildServiceProvider();

        var problems = SettingProblems(services);
        if (problems.Count > 0)
        {
            // The options' messages name the setting, never its value, so a mistyped token is not echoed.
            await error.WriteLineAsync(
                "Cannot register the bot, a setting is missing or wrong (set it as an environment variable, "
                + "e.g. Telegram__PublicBaseUrl):" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", problems))
                .ConfigureAwait(false);
            return BadSettings;
        }

        var token = services.GetRequiredService<IOptions<TelegramOptions>>().Value.BotToken;
        var registration = services.GetRequiredService<BotRegistrationService>();
        try
        {
            var url = await registration.RegisterAsync(cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(
                $"Registered: webhook {url} (updates: {string.Join(", ", BotRegistrationService.AllowedUpdates)}); "
                + "commands and descriptions in Russian (the default) and English.").ConfigureAwait(false);
            return Done;
        }
        catch (RequestException e)
        {
            // The token is scrubbed in case a message ever quotes the request's URL, whose path carries it.
            var reason = e is ApiRequestException api
                ? $"Telegram refused the registration: {api.ErrorCode} {api.Message}"
                : $"Could not reach the Bot API: {e.Message}";
            await error.WriteLineAsync(reason.Replace(token, "<token>", StringComparison.Ordinal)).ConfigureAwait(false);
            return TelegramFailed;
        }
    }

    private static List<string> SettingProblems(IServiceProvider services)
    {
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
            return [];
        }
        catch (OptionsValidationException e)
        {
            return [.. e.Failures];
        }
        catch (AggregateException e) when (e.InnerExceptions.All(inner => inner is OptionsValidationException))
        {
            return [.. e.InnerExceptions.OfType<OptionsValidationException>().SelectMany(v => v.Failures)];
        }
    }
}
