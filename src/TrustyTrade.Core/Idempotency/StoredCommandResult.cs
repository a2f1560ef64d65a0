namespace TrustyTrade.Core.Idempotency;

/// <summary>What the store kept under an idempotency key: which command ran, on which deal, and its result as JSON.</summary>
public sealed record StoredCommandResult(string CommandName, long? DealId, string ResultJson);
