using Microsoft.Extensions.Configuration;
using TrustyTrade.BotSetup;

// Registers the bot with Telegram: its webhook (the app's public URL + /api/telegram/webhook, with the webhook
// secret), its command menu and its descriptions in Russian and English. Reads the app's own settings from the
// environment (Telegram__BotToken, Telegram__WebhookSecret, Telegram__PublicBaseUrl…) or --Telegram:Name value.
var configuration = new ConfigurationBuilder()
    .AddEnvironmentVariables()
    .AddCommandLine(args)
    .Build();

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
return await BotSetupCommand.RunAsync(configuration, Console.Out, Console.Error, cancellation.Token).ConfigureAwait(false);
