using Microsoft.Extensions.Options;
using TrustyTrade.Core.Users;

namespace TrustyTrade.Core.Bot.Conversations;

/// <summary>The welcome, the main menu, help, support and the language switch.</summary>
public sealed class MenuScreens(UserService users, IOptions<BotOptions> options)
{
    public static async Task WelcomeAsync(Turn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        turn.Reset();
        await turn.SayAsync(turn.T("Welcome"), Screens.MainMenu(turn)).ConfigureAwait(false);
    }

    public static async Task MenuAsync(Turn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        turn.Reset();
        await turn.ShowAsync(turn.T("Menu"), Screens.MainMenu(turn)).ConfigureAwait(false);
    }

    public static Task HelpAsync(Turn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return turn.ShowAsync(turn.T("Help"), BotKeyboard.Of(Screens.BackToMenu(turn)));
    }

    public Task SupportAsync(Turn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return turn.ShowAsync(turn.T("Support", options.Value.SupportContact), BotKeyboard.Of(Screens.BackToMenu(turn)));
    }

    public static Task LanguageAsync(Turn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return turn.ShowAsync(turn.T("ChooseLanguage"), BotKeyboard.Of(
            [new BotButton("🇷🇺 Русский", "lang:" + UserLanguages.Russian), new BotButton("🇬🇧 English", "lang:" + UserLanguages.English)],
            Screens.BackToMenu(turn)));
    }

    public async Task SetLanguageAsync(Turn turn, string language)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (!await users.SetLanguageAsync(turn.User.Id, language, turn.CancellationToken).ConfigureAwait(false))
        {
            await turn.RefuseAsync(turn.T("StaleButton")).ConfigureAwait(false);
            return;
        }

        turn.SwitchLanguage(language);
        await turn.ToastAsync(turn.T("LanguageSet")).ConfigureAwait(false);
        await MenuAsync(turn).ConfigureAwait(false);
    }
}
