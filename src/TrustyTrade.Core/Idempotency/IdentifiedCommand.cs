namespace TrustyTrade.Core.Idempotency;

/// <summary>A command that moves money, with the key that makes repeating it harmless.</summary>
public sealed record IdentifiedCommand<TCommand>(IdempotencyKey Key, TCommand Command);
