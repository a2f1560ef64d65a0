using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Ledger;

/// <summary>
/// A set of entries that move money together. It can't be built unbalanced: per currency the entries sum to zero,
/// no entry is zero, and every amount fits its currency's precision.
/// </summary>
public sealed record LedgerPosting
{
    public LedgerPosting(string kind, IReadOnlyList<LedgerEntry> entries)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count < 2)
        {
            throw new ArgumentException("a posting needs at least two entries", nameof(entries));
        }

        if (entries.Any(e => e.Amount.IsZero || !e.Amount.IsWellFormed))
        {
            throw new ArgumentException("a posting's entries must be non-zero and fit their currency's precision", nameof(entries));
        }

        if (entries.GroupBy(e => e.Amount.Currency).Any(g => g.Sum(e => e.Amount.Amount) != 0m))
        {
            throw new ArgumentException($"posting '{kind}' does not balance", nameof(entries));
        }

        Kind = kind;
        Entries = entries;
    }

    public string Kind { get; }

    public IReadOnlyList<LedgerEntry> Entries { get; }

    /// <summary>Moves money from one account to one or more others; zero shares are left out.</summary>
    public static LedgerPosting Transfer(string kind, LedgerAccount from, params (LedgerAccount To, Money Amount)[] to)
    {
        ArgumentNullException.ThrowIfNull(to);
        var parts = to.Where(t => !t.Amount.IsZero).ToArray();
        if (parts.Length == 0)
        {
            throw new ArgumentException($"posting '{kind}' moves no money", nameof(to));
        }

        var total = parts.Aggregate(Money.Zero(parts[0].Amount.Currency), (sum, p) => sum + p.Amount);
        return new LedgerPosting(kind, [new LedgerEntry(from, -total), .. parts.Select(p => new LedgerEntry(p.To, p.Amount))]);
    }
}
