using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using TrustyTrade.Core.Bot.Conversations;
using TrustyTrade.Infrastructure.Caching;

namespace TrustyTrade.Infrastructure.Bot;

/// <summary>
/// Conversation state as JSON under <c>tt:bot:conversation:{userId}</c> with a TTL. Redis holds only what may be lost:
/// a lost state means the user starts the wizard again; a draft's credentials are sealed before they get here. So a
/// Redis that does not answer is a lost state, not an error: the bot keeps answering, each message as if the first.
/// </summary>
internal sealed partial class RedisConversationStore(RedisConnection redis, ILogger<RedisConversationStore> logger) : IConversationStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task<ConversationState?> GetAsync(long userId, CancellationToken cancellationToken)
    {
        RedisValue value;
        try
        {
            var database = await redis.GetDatabaseAsync().ConfigureAwait(false);
            value = await database.StringGetAsync(Key(userId)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogUnavailable(e, userId, "read");
            return null;
        }

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
        try
        {
            var database = await redis.GetDatabaseAsync().ConfigureAwait(false);
            await database.StringSetAsync(Key(userId), JsonSerializer.Serialize(state, Json), timeToLive).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogUnavailable(e, userId, "kept");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis did not answer: user {UserId}'s conversation state was not {Done}; the bot goes on without it")]
    private partial void LogUnavailable(Exception exception, long userId, string done);

    private static RedisKey Key(long userId) => "tt:bot:conversation:" + userId.ToString(CultureInfo.InvariantCulture);
}
