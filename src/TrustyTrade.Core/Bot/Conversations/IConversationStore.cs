namespace TrustyTrade.Core.Bot.Conversations;

/// <summary>Where each user's conversation state lives between updates (Redis, with a TTL).</summary>
public interface IConversationStore
{
    Task<ConversationState?> GetAsync(long userId, CancellationToken cancellationToken);

    Task SaveAsync(long userId, ConversationState state, TimeSpan timeToLive, CancellationToken cancellationToken);
}
