using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Deals;

/// <summary>The payment arrived (system): Stars' successful_payment or enough chain confirmations.</summary>
public sealed record ConfirmPayment(Money Amount, PaymentMethod Method, string PaymentReference) : DealCommand
{
    public override string Name => "confirm_payment";
}
