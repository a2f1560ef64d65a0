namespace TrustyTrade.Core.Bot.Conversations;

/// <summary>
/// A user's place in the conversation, kept in Redis with a TTL (losing it only means starting a wizard again).
/// <see cref="UpdateId"/> is the update that wrote it: an update run again after a crash is not applied twice.
/// </summary>
public sealed record ConversationState(
    ConversationStep Step,
    long UpdateId,
    SellDraft? Draft = null,
    long? ListingId = null,
    long? DealId = null,
    int? Score = null,
    BrowseFilter? Filter = null,
    WithdrawDraft? Withdrawal = null)
{
    public static ConversationState Idle { get; } = new(ConversationStep.Idle, 0);
}
