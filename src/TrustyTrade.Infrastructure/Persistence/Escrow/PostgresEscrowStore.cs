using Npgsql;
using TrustyTrade.Core.Deals;

namespace TrustyTrade.Infrastructure.Persistence.Escrow;

internal sealed class PostgresEscrowStore : IEscrowStore
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresEscrowStore(NpgsqlDataSource dataSource)
    {
        DapperSetup.Ensure();
        _dataSource = dataSource;
    }

    public async Task<IEscrowSession> BeginAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            return new PostgresEscrowSession(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
