using Npgsql;
using TrustyTrade.Core.Deals;

namespace TrustyTrade.Infrastructure.Persistence.Escrow;

internal sealed class PostgresEscrowStore : IEscrowStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _clock;

    public PostgresEscrowStore(NpgsqlDataSource dataSource, TimeProvider clock)
    {
        DapperSetup.Ensure();
        _dataSource = dataSource;
        _clock = clock;
    }

    public async Task<IEscrowSession> BeginAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            return new PostgresEscrowSession(connection, transaction, _clock);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
