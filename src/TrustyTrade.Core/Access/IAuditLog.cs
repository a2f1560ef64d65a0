namespace TrustyTrade.Core.Access;

/// <summary>The append-only record of admin and integration writes (the table refuses updates and deletes).</summary>
public interface IAuditLog
{
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>Newest first, below <paramref name="beforeId"/> when given, optionally one target type (and id).</summary>
    Task<IReadOnlyList<AuditRecord>> ListAsync(string? targetType, string? targetId, long? beforeId, int limit, CancellationToken cancellationToken);
}
