namespace TrustyTrade.Functions.Api.Payments;

/// <summary>Why an admin rejects a payout; kept with the payout.</summary>
public sealed record PayoutRejection(string Reason);
