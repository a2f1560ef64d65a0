using System.Collections.Frozen;

namespace TrustyTrade.Core.Deals;

/// <summary>The stored names of <see cref="DealStatus"/> (as in the database's check constraint).</summary>
public static class DealStatusNames
{
    private static readonly FrozenDictionary<DealStatus, string> Names = new Dictionary<DealStatus, string>
    {
        [DealStatus.AwaitingPayment] = "awaiting_payment",
        [DealStatus.Paid] = "paid",
        [DealStatus.Delivered] = "delivered",
        [DealStatus.Completed] = "completed",
        [DealStatus.Released] = "released",
        [DealStatus.Cancelled] = "cancelled",
        [DealStatus.Expired] = "expired",
        [DealStatus.Refunded] = "refunded",
        [DealStatus.Disputed] = "disputed",
        [DealStatus.Resolved] = "resolved",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, DealStatus> Statuses =
        Names.ToFrozenDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);

    public static string ToName(this DealStatus status) => Names[status];

    public static DealStatus Parse(string name) =>
        Statuses.TryGetValue(name, out var status) ? status : throw new FormatException($"unknown deal status '{name}'");

    /// <summary>True for statuses no command leaves.</summary>
    public static bool IsFinal(this DealStatus status) => status is DealStatus.Released or DealStatus.Cancelled
        or DealStatus.Expired or DealStatus.Refunded or DealStatus.Resolved;
}
