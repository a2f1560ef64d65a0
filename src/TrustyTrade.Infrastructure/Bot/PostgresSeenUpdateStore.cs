using Dapper;
using Npgsql;
using TrustyTrade.Core.Bot;

namespace TrustyTrade.Infrastructure.Bot;

/// <summary><see cref="ISeenUpdateStore"/> over <c>telegram_updates</c>, walking its <c>received_at</c> index oldest first.</summary>
internal sealed class PostgresSeenUpdateStore(NpgsqlDataSource dataSource) : ISeenUpdateStore
{
    public async Task<int> DeleteSeenBeforeAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM telegram_updates
            WHERE update_id IN (
                SELECT update_id FROM telegram_updates WHERE received_at < @cutoff ORDER BY received_at LIMIT @batchSize)
            """,
            new { cutoff, batchSize }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
