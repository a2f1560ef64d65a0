namespace TrustyTrade.Core.Idempotency;

/// <summary>
/// Names one request that may arrive more than once: "tg-update:123", "stars-charge:…", "tx:0x…", "admin:…".
/// The first result under a key is kept; a replay returns it and changes nothing.
/// </summary>
public readonly record struct IdempotencyKey
{
    public const int MaxLength = 200;

    public IdempotencyKey(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        if (value.Length > MaxLength || value.Any(char.IsControl))
        {
            throw new ArgumentException($"an idempotency key is 1–{MaxLength} printable characters", nameof(value));
        }

        Value = value;
    }

    public string Value { get; }

    public static IdempotencyKey For(string source, string id) => new($"{source}:{id}");

    public override string ToString() => Value;
}
