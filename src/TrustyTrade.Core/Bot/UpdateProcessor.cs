using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustyTrade.Core.Bot.Conversations;
using TrustyTrade.Core.Bot.Updates;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Deals.Workflow;
using TrustyTrade.Core.Telemetry;
using TrustyTrade.Core.Users;
using TrustyTrade.Core.Vault;

namespace TrustyTrade.Core.Bot;

/// <summary>
/// The one place updates are routed (the queue-triggered function calls it): who sent it, where their conversation
/// stood, then a pattern-matching switch over what arrived — a payment, a command, a pressed button, text or media.
/// An update the user's state says was already applied (the queue ran it again after a crash) is not applied twice.
/// </summary>
public sealed partial class UpdateProcessor(
    UserService users,
    IConversationStore conversations,
    IBotClient bot,
    DealService deals,
    MenuScreens menu,
    SellWizard sell,
    MyListingsScreens myListings,
    BrowseScreens browse,
    DealScreens dealScreens,
    BalanceScreens balance,
    StarsCheckout checkout,
    ICredentialVault vault,
    IOptions<BotOptions> options,
    ILogger<UpdateProcessor> logger)
{
    /// <summary>Acts on the updates of one queue message (<see cref="UpdateBatch"/>) in the order they arrived.</summary>
    public async Task ProcessBatchAsync(string queueMessage, IDealWorkflow? workflow, CancellationToken cancellationToken)
    {
        foreach (var sealedUpdate in UpdateBatch.Split(queueMessage))
        {
            await ProcessAsync(sealedUpdate, workflow, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Acts on one update from the queue, as the webhook sealed it (<see cref="SealedUpdate"/>); <paramref name="workflow"/>
    /// is told about every deal the update moves.
    /// </summary>
    public async Task ProcessAsync(string queueMessage, IDealWorkflow? workflow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queueMessage);
        if (SealedUpdate.TryOpen(vault, queueMessage) is not { } updateJson || BotUpdateParser.TryParse(updateJson) is not { } update)
        {
            // Not sealed by this app's vault, or not an update: nothing in it can be acted on, and a retry changes nothing.
            LogUnreadable(queueMessage.Length);
            return;
        }

        using var scope = LogScopes.Update(logger, update.UpdateId);
        // The update waited on a queue: its span continues this invocation's trace and links to the webhook's.
        using var activity = TrustyTradeTracing.Source.StartActivity(
            "telegram.update process",
            ActivityKind.Consumer,
            parentContext: default,
            links: SealedUpdate.TraceContextOf(queueMessage) is { } webhook ? [new ActivityLink(webhook)] : null);
        activity?.SetTag("telegram.update_id", update.UpdateId);

        if (update.PreCheckout is { } preCheckout)
        {
            // Normally answered inside the webhook request; one that reached the queue is answered here.
            await checkout.AnswerPreCheckoutAsync(preCheckout, cancellationToken).ConfigureAwait(false);
            return;
        }

        var (from, chatId) = update switch
        {
            { Message: { IsPrivateChat: true } m } => (m.From, m.ChatId),
            { Callback: { } c } => (c.From, c.ChatId ?? c.From.Id),
            _ => (null, 0L),
        };
        if (from is null || from.IsBot)
        {
            return; // groups, channels, other bots and update kinds the bot does not use
        }

        var user = await RegisterAsync(from, cancellationToken).ConfigureAwait(false);
        var state = await conversations.GetAsync(user.Id, cancellationToken).ConfigureAwait(false) ?? ConversationState.Idle;
        if (state.UpdateId == update.UpdateId)
        {
            LogAlreadyApplied(update.UpdateId);
            return;
        }

        var turn = new Turn(bot, workflow is null ? deals : deals.WithWorkflow(workflow), update, user, chatId, state, cancellationToken);
        try
        {
            // A banned user is told so and nothing else happens — except a payment: its money has already moved, and
            // the deal must show it.
            if (user.IsBanned && update.Message?.Payment is null)
            {
                await turn.RefuseAsync(turn.T("Banned")).ConfigureAwait(false);
                return;
            }

            await RouteAsync(turn).ConfigureAwait(false);
        }
        catch (BotChatUnavailableException e)
        {
            // The sender blocked the bot while we answered: nothing more can reach them, and a retry changes nothing.
            LogChatUnavailable(update.UpdateId, e.ChatId);
            return;
        }

        if (turn.StateChanged)
        {
            await conversations.SaveAsync(user.Id, turn.State, TimeSpan.FromMinutes(options.Value.ConversationMinutes), cancellationToken)
                .ConfigureAwait(false);
        }

        await turn.FinishAsync().ConfigureAwait(false);
    }

    private Task RouteAsync(Turn turn) => turn.Update switch
    {
        { Message.Payment: { } payment } => checkout.OnPaymentAsync(turn, payment),
        { Message.Text: { } text } when text.StartsWith('/') => CommandAsync(turn, text),
        { Message.Text: { } text } => TextAsync(turn, text),
        { Message: { } media } => MediaAsync(turn, media),
        { Callback: { } callback } => ButtonAsync(turn, callback.Data),
        _ => Task.CompletedTask,
    };

    private Task CommandAsync(Turn turn, string text)
    {
        var words = text.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var command = words[0].Split('@')[0].ToLowerInvariant();
        var argument = words.Length > 1 ? words[1] : null;
        if (command is not ("/help" or "/support"))
        {
            turn.Reset(); // a command leaves whatever wizard was open
        }

        return command switch
        {
            "/start" when DeepLinkListing(argument) is { } listingId => WelcomeThenAsync(turn, () => browse.CardAsync(turn, listingId)),
            "/start" => MenuScreens.WelcomeAsync(turn),
            "/menu" or "/cancel" or "/stop" => MenuScreens.MenuAsync(turn),
            "/sell" => sell.StartAsync(turn),
            "/browse" or "/search" => BrowseScreens.FilterAsync(turn),
            "/mydeals" => dealScreens.ListAsync(turn),
            "/mylistings" => myListings.ListAsync(turn),
            "/language" => MenuScreens.LanguageAsync(turn),
            "/help" => MenuScreens.HelpAsync(turn),
            "/support" => menu.SupportAsync(turn),
            _ => turn.SayAsync(turn.T("UnknownCommand")),
        };
    }

    private static async Task WelcomeThenAsync(Turn turn, Func<Task> next)
    {
        await MenuScreens.WelcomeAsync(turn).ConfigureAwait(false);
        await next().ConfigureAwait(false);
    }

    private Task TextAsync(Turn turn, string text) => turn.State.Step switch
    {
        var step when SellWizard.Owns(step) => sell.OnTextAsync(turn, text),
        ConversationStep.EditPrice => myListings.OnPriceTextAsync(turn, text),
        ConversationStep.BrowseText or ConversationStep.BrowsePrice => BrowseScreens.OnTextAsync(turn, text),
        ConversationStep.DeliverCredentials or ConversationStep.DisputeReason or ConversationStep.Chat => dealScreens.OnTextAsync(turn, text),
        ConversationStep.WithdrawAddress => balance.OnAddressTextAsync(turn, text),
        _ => turn.SayAsync(turn.T("UseMenu"), Screens.MainMenu(turn)),
    };

    private Task MediaAsync(Turn turn, BotMessage media) => turn.State.Step switch
    {
        ConversationStep.Chat when media.PhotoFileId is { } photo => dealScreens.OnPhotoAsync(turn, photo, null),
        ConversationStep.Idle => turn.SayAsync(turn.T("UseMenu"), Screens.MainMenu(turn)),
        _ => turn.SayAsync(turn.T("TextExpected")),
    };

    private Task ButtonAsync(Turn turn, string data)
    {
        var prefix = data.Split(':', 2)[0];
        var sellButton = prefix is "sg" or "sc" or "sk" or "sok" or "sx";
        var confirmsWithdrawal = data == "wdc" && turn.State.Step == ConversationStep.WithdrawAddress;
        if (turn.State.Step != ConversationStep.Idle && !(sellButton && SellWizard.Owns(turn.State.Step)) && !confirmsWithdrawal)
        {
            // Any other button leaves a step that waits for typed text, so the next message isn't taken for its answer.
            turn.Reset();
        }

        return prefix switch
        {
            "m" => MenuScreens.MenuAsync(turn),
            "help" => MenuScreens.HelpAsync(turn),
            "lang" when data == "lang" => MenuScreens.LanguageAsync(turn),
            "lang" => menu.SetLanguageAsync(turn, data[5..]),
            "sell" => sell.StartAsync(turn),
            "sg" or "sc" or "sk" or "sok" or "sx" => sell.OnButtonAsync(turn, data),
            "ml" => myListings.ListAsync(turn),
            "l" or "lp" or "lr" => myListings.OnButtonAsync(turn, data),
            "b" or "bgs" or "bg" or "bc" or "bp" or "bt" or "bn" or "v" => browse.OnButtonAsync(turn, data),
            "buy" when Screens.Id(data, "buy") is { } listingId => dealScreens.BuyAsync(turn, listingId),
            "d" when data == "d" => dealScreens.ListAsync(turn),
            "d" when Screens.Id(data, "d") is { } dealId => dealScreens.CardAsync(turn, dealId),
            "a" or "rt" => dealScreens.OnButtonAsync(turn, data),
            "bal" => balance.ShowAsync(turn),
            "wd" or "wdc" => balance.OnButtonAsync(turn, data),
            _ => turn.RefuseAsync(turn.T("StaleButton")),
        };
    }

    /// <summary>The user behind an update: registered on first contact, the username refreshed when it changed.</summary>
    private async Task<User> RegisterAsync(BotUser from, CancellationToken cancellationToken)
    {
        var known = await users.FindByTelegramIdAsync(from.Id, cancellationToken).ConfigureAwait(false);
        if (known is not null && string.Equals(known.Username, from.Username, StringComparison.Ordinal))
        {
            return known;
        }

        return await users.RegisterAsync(new TelegramProfile(from.Id, from.Username, from.LanguageCode), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A deep link t.me/bot?start=l42 opens listing 42.</summary>
    private static long? DeepLinkListing(string? argument) =>
        argument is { Length: > 1 } a && a[0] is 'l' or 'L'
        && long.TryParse(a.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "A queue message of {Length} characters is not a sealed Telegram update; skipped")]
    private partial void LogUnreadable(int length);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram update {UpdateId}: chat {ChatId} can't be written to any more; the answer was dropped")]
    private partial void LogChatUnavailable(long updateId, long chatId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram update {UpdateId} was applied before; skipped")]
    private partial void LogAlreadyApplied(long updateId);
}
