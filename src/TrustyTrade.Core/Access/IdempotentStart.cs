namespace TrustyTrade.Core.Access;

/// <summary>What a request with an Idempotency-Key finds: go ahead, or the stored answer, or why not.</summary>
public sealed record IdempotentStart(IdempotentState State, int? Status = null, string? Body = null);
