using Npgsql;
using TrustyTrade.Core.Health;

namespace TrustyTrade.Infrastructure.Persistence;

internal sealed class PostgresHealthProbe(NpgsqlDataSource dataSource) : IDependencyProbe
{
    public string Name => "postgres";

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT 1");
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }
}
