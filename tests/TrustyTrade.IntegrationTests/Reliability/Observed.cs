using System.Globalization;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Payments.Payouts;

namespace TrustyTrade.IntegrationTests.Reliability;

/// <summary>What the app answered to one request, in the terms the model predicts.</summary>
internal sealed record Observed(bool Succeeded, bool Replayed, long? Id, DealStatus? Status, int? Version, string? Refusal)
{
    public static Observed Of(DealResult result) => new(
        result.Succeeded, result.Replayed, result.Deal?.Id, result.Deal?.Status, result.Deal?.Version, result.Refusal?.Code.ToString());

    public static Observed Of(PayoutResult result) => new(
        result.Succeeded, false, result.Payout?.Id, null, null, result.Refusal?.ToString());

    public override string ToString() => Succeeded
        ? string.Create(CultureInfo.InvariantCulture, $"{(Replayed ? "replayed " : "")}#{Id} {Status} v{Version}")
        : $"refused {Refusal}";
}
