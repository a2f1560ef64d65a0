using TrustyTrade.BotSetup;
using TrustyTrade.Shared;

// Registers the bot with Telegram: its webhook (the app's public URL + /api/telegram/webhook, with the webhook
// secret), its command menu and its descriptions in Russian and English. Reads the app's own settings from the
// environment (Telegram__BotToken, Telegram__WebhookSecret, Telegram__PublicBaseUrl…) or --Telegram:Name value.
using var cancellation = OperatorConsole.CancelOnCtrlC();
return await BotSetupCommand.RunAsync(OperatorConsole.Settings(args), Console.Out, Console.Error, cancellation.Token).ConfigureAwait(false);
