using TrustyTrade.Core.Deals;

namespace TrustyTrade.Infrastructure.Persistence.Escrow;

/// <summary>The stored names of <see cref="DisputeOutcome"/> (as in <c>disputes</c>' check constraint).</summary>
internal static class DisputeOutcomeNames
{
    public static string ToName(this DisputeOutcome outcome) => outcome switch
    {
        DisputeOutcome.ReleaseToSeller => "release_to_seller",
        DisputeOutcome.RefundToBuyer => "refund_to_buyer",
        DisputeOutcome.Split => "split",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "unknown dispute outcome"),
    };

    public static DisputeOutcome Parse(string name) =>
        Enum.GetValues<DisputeOutcome>().Cast<DisputeOutcome?>().FirstOrDefault(o => o!.Value.ToName() == name)
        ?? throw new FormatException($"unknown dispute outcome '{name}'");
}
