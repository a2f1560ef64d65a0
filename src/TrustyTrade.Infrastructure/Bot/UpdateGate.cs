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

    /// <summary>
    /// Asks Redis and PostgreSQL at once, so the answer costs one round trip instead of two. The id is new only when
    /// neither had it (Redis down: when PostgreSQL didn't). When Redis had it but the insert went in, the row is taken
    /// out again, so PostgreSQL ends as the one-after-the-other order would have left it: a <see cref="ReleaseAsync"/>
    /// in progress (row deleted, key not yet) must not leave a row behind that would drop Telegram's redelivery.
    /// </summary>
    public async Task<bool> TryAdmitAsync(long updateId, CancellationToken cancellationToken)
    {
        var remembering = RememberAsync(updateId);
        bool inserted;
        try
        {
            inserted = await InsertAsync(updateId, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // PostgreSQL failed the request: Telegram will redeliver, and Redis must not drop that as seen.
            if (await remembering.ConfigureAwait(false) == true)
            {
                await ForgetInRedisAsync(updateId).ConfigureAwait(false);
            }

            throw;
        }

        var newToRedis = await remembering.ConfigureAwait(false);
        if (newToRedis == false && inserted)
        {
            await DeleteAsync(updateId, CancellationToken.None).ConfigureAwait(false);
            return false;
        }

        return inserted;
    }

    public async Task ReleaseAsync(long updateId, CancellationToken cancellationToken)
    {
        await DeleteAsync(updateId, cancellationToken).ConfigureAwait(false);
        await ForgetInRedisAsync(updateId).ConfigureAwait(false);
    }

    /// <summary>True when Redis took the key (first time), false when it had it, null when Redis did not answer.</summary>
    private async Task<bool?> RememberAsync(long updateId)
    {
        try
        {
            var database = await redis.GetDatabaseAsync().ConfigureAwait(false);
            return await database.StringSetAsync(Key(updateId), 1, _remember, When.NotExists).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogRedisDown(e, updateId);
            return null;
        }
    }

    private async Task<bool> InsertAsync(long updateId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO telegram_updates (update_id) VALUES (@updateId) ON CONFLICT (update_id) DO NOTHING",
            new { updateId }, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    /// <summary>Deletes the id's row, waiting for the flush: a delete lost in a crash would drop Telegram's redelivery as seen.</summary>
    private async Task DeleteAsync(long updateId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "SET LOCAL synchronous_commit = on; DELETE FROM telegram_updates WHERE update_id = @updateId",
            new { updateId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task ForgetInRedisAsync(long updateId)
    {
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
