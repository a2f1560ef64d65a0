using TrustyTrade.Core.Idempotency;

namespace TrustyTrade.Core.Deals;

/// <summary>An aggregate read under its row lock, and what its request's idempotency key already holds (if anything).</summary>
public sealed record Locked<T>(T? Value, StoredCommandResult? Replay)
    where T : class;
