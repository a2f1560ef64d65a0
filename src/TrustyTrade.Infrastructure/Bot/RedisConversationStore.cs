using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using StackExchange.Redis;
using TrustyTrade.Core.Bot.Conversations;
using TrustyTrade.Infrastructure.Caching;

namespace TrustyTrade.Infrastructure.Bot;

/// <summary>
/// Conversation state as JSON under <c>tt:bot:conversation:{userId}</c> with a TTL. Redis holds only what may be lost:
/// a lost state means the user starts the wizard again; a draft's credentials are sealed before they get here.
/// </summary>
internal sealed class RedisConversationStore(RedisConnection redis) : IConversationStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task<ConversationState?> GetAsync(long userId, CancellationToken cancellationToken)
    {
        var database = await redis.GetDatabaseAsync().ConfigureAwait(false);
        var value = await database.StringGetAsync(Key(userId)).ConfigureAwait(false);
        if (value.IsNullOrEmpty)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ConversationState>(value.ToString(), Json);
        }
        catch (JsonException)
        {
            return null; // written by an older shape of the state: the user starts over
        }
    }

    public async Task SaveAsync(long userId, ConversationState state, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        var database = await redis.GetDatabaseAsync().ConfigureAwait(false);
        await database.StringSetAsync(Key(userId), JsonSerializer.Serialize(state, Json), timeToLive).ConfigureAwait(false);
    }

    private static RedisKey Key(long userId) => "tt:bot:conversation:" + userId.ToString(CultureInfo.InvariantCulture);
}
