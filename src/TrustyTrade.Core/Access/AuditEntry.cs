namespace TrustyTrade.Core.Access;

/// <summary>
/// One write by an admin or an integration: who, what, on which target, and the target's state before and after
/// (plain records, serialized as JSON; never secrets).
/// </summary>
public sealed record AuditEntry(ApiCaller Caller, string Action, string TargetType, string? TargetId, object? Before, object? After);
