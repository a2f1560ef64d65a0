namespace TrustyTrade.Core.Deals;

/// <summary>The buyer has the account and says so.</summary>
public sealed record ConfirmReceipt : DealCommand
{
    public override string Name => "confirm_receipt";
}
