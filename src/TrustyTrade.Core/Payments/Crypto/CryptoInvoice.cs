namespace TrustyTrade.Core.Payments.Crypto;

/// <summary>A deal's deposit address and what reached it so far (the key stays sealed in the store).</summary>
public sealed record CryptoInvoice(long DealId, string Address, decimal Received, DateTimeOffset CreatedAt);
