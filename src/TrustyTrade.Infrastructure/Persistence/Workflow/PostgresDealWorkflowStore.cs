using Dapper;
using Npgsql;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Deals.Workflow;
using TrustyTrade.Infrastructure.Persistence.Escrow;

namespace TrustyTrade.Infrastructure.Persistence.Workflow;

internal sealed class PostgresDealWorkflowStore : IDealWorkflowStore
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresDealWorkflowStore(NpgsqlDataSource dataSource)
    {
        DapperSetup.Ensure();
        _dataSource = dataSource;
    }

    public async Task<Deal?> FindDealAsync(long dealId, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<DealRow>(new CommandDefinition(
            $"SELECT {DealRow.Columns} FROM deals WHERE id = @dealId", new { dealId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToDeal();
    }

    public async Task<IReadOnlyList<DealVersionStatus>> ListStatusesAfterAsync(long dealId, int afterVersion, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(int Version, string Status)>(new CommandDefinition(
            "SELECT version, to_status FROM deal_events WHERE deal_id = @dealId AND version > @afterVersion ORDER BY version",
            new { dealId, afterVersion }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new DealVersionStatus(r.Version, DealStatusNames.Parse(r.Status)))];
    }

    public async Task<DisputeOutcome?> FindDisputeOutcomeAsync(long dealId, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var outcome = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT outcome FROM disputes WHERE deal_id = @dealId AND status = 'resolved'", new { dealId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return outcome is null ? null : DisputeOutcomeNames.Parse(outcome);
    }

    public async Task<IReadOnlyList<Deal>> ListDealsToReconcileAsync(
        long afterId, DateTimeOffset closedSince, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<DealRow>(new CommandDefinition(
            $"""
            (SELECT {DealRow.Columns} FROM deals
             WHERE escrow_status IN ('awaiting_payment', 'paid', 'delivered', 'completed', 'disputed') AND id > @afterId
             ORDER BY id LIMIT @limit)
            UNION
            (SELECT {DealRow.Columns} FROM deals WHERE closed_at >= @closedSince AND id > @afterId ORDER BY id LIMIT @limit)
            ORDER BY id LIMIT @limit
            """,
            new { afterId, closedSince, limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToDeal())];
    }

    public async Task FlagAsync(long dealId, DealWorkflowFlagReason reason, string? detail, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO deal_workflow_flags (deal_id, reason, detail, flagged_at, last_seen_at)
            VALUES (@dealId, @reason, left(@detail, 2000), @at, @at)
            ON CONFLICT (deal_id, reason) WHERE resolved_at IS NULL
            DO UPDATE SET last_seen_at = excluded.last_seen_at, times_seen = deal_workflow_flags.times_seen + 1,
                          detail = coalesce(excluded.detail, deal_workflow_flags.detail)
            """,
            new { dealId, reason = ReasonName(reason), detail, at }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<DealWorkflowFlag>> ListOpenFlagsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<FlagRow>(new CommandDefinition(
            """
            SELECT deal_id, reason, detail, flagged_at, last_seen_at, times_seen FROM deal_workflow_flags
            WHERE resolved_at IS NULL ORDER BY last_seen_at DESC, id DESC
            """,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToFlag())];
    }

    private static string ReasonName(DealWorkflowFlagReason reason) => reason.ToString().ToLowerInvariant();

    private sealed record FlagRow(long DealId, string Reason, string? Detail, DateTime FlaggedAt, DateTime LastSeenAt, int TimesSeen)
    {
        public DealWorkflowFlag ToFlag() => new(
            DealId, Enum.Parse<DealWorkflowFlagReason>(Reason, ignoreCase: true), Detail,
            new DateTimeOffset(DateTime.SpecifyKind(FlaggedAt, DateTimeKind.Utc)),
            new DateTimeOffset(DateTime.SpecifyKind(LastSeenAt, DateTimeKind.Utc)), TimesSeen);
    }
}
