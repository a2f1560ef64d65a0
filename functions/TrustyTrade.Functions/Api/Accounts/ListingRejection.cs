namespace TrustyTrade.Functions.Api.Accounts;

/// <summary>Why a moderator sends a listing back to its seller; the seller is told it.</summary>
public sealed record ListingRejection(string Reason);
