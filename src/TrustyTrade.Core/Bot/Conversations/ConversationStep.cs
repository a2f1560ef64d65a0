namespace TrustyTrade.Core.Bot.Conversations;

/// <summary>What the bot is waiting for from a user: the step of a wizard, or nothing in particular.</summary>
public enum ConversationStep
{
    Idle,
    SellGame,
    SellTitle,
    SellDescription,
    SellCurrency,
    SellPrice,
    SellCredentials,
    SellPreview,
    EditPrice,
    DeliverCredentials,
    DisputeReason,
    Chat,
    RateComment,
    BrowseText,
    BrowsePrice,
    WithdrawAddress,
}
