namespace TrustyTrade.Core.Deals;

/// <summary>The part an actor plays in one deal; the state machine's rules name these.</summary>
public enum DealRole
{
    Buyer,
    Seller,
    Admin,
    System,
    Stranger,
}
