using System.Globalization;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;
using TrustyTrade.Core.Bot;
using TrustyTrade.Infrastructure.Caching;

namespace TrustyTrade.Infrastructure.Bot;

/// <summary>
/// Redis answers "seen before?" fast (SET NX with a TTL); PostgreSQL's unique <c>telegram_updates.update_id</c> is the
/// backstop for what Redis forgot (a restart, an eviction) or could not answer (down: then PostgreSQL alone decides).
/// The backstop's rows are written without waiting for the WAL flush (<see cref="RelaxedDataSourceKey"/>): they are no
/// money, and a crash that loses the last of them loses only a second line of defence Redis still holds.
/// </summary>
internal sealed partial class UpdateGate(
    RedisConnection redis,
    [FromKeyedServices(UpdateGate.RelaxedDataSourceKey)] NpgsqlDataSource dataSource,
    IOptions<TelegramWebhookOptions> options,
    ILogger<UpdateGate> logger) : IUpdateGate
{
    /// <summary>A pool whose sessions commit with <c>synchronous_commit = off</c>.</summary>
    public const string RelaxedDataSourceKey = "relaxed-durability";

    private readonly TimeSpan _remember = TimeSpan.FromHours(options.Value.SeenUpdateHours);

    public async Task<bool> TryAdmitAsync(long updateId, CancellationToken cancellationToken)
    {
        try
        {
            var database = await redis.GetDatabaseAsync().ConfigureAwait(false);
            if (!await database.StringSetAsync(Key(updateId), 1, _remember, When.NotExists).ConfigureAwait(false))
            {
                return false;
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogRedisDown(e, updateId);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO telegram_updates (update_id) VALUES (@updateId) ON CONFLICT (update_id) DO NOTHING",
            new { updateId }, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    public async Task ReleaseAsync(long updateId, CancellationToken cancellationToken)
    {
        // This one waits for the flush: a release lost in a crash would drop Telegram's redelivery as seen.
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "SET LOCAL synchronous_commit = on; DELETE FROM telegram_updates WHERE update_id = @updateId",
                new { updateId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var database = await redis.GetDatabaseAsync().ConfigureAwait(false);
            await database.KeyDeleteAsync(Key(updateId)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogRedisDown(e, updateId);
        }
    }

    private static RedisKey Key(long updateId) => string.Create(CultureInfo.InvariantCulture, $"tt:tg-update:{updateId}");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis did not answer for update {UpdateId}; PostgreSQL alone decides whether it is new")]
    private partial void LogRedisDown(Exception exception, long updateId);
}
