namespace TrustyTrade.Core.Bot;

/// <summary>An invoice in Telegram Stars: <see cref="Payload"/> comes back in the pre-checkout query and the payment.</summary>
public sealed record StarsInvoice(string Title, string Description, string Payload, string PriceLabel, long Stars);
