namespace TrustyTrade.Core.Deals;

/// <summary>Something a party, an admin or the platform asks of a deal. DealStateMachine decides.</summary>
public abstract record DealCommand
{
    /// <summary>A stable name, stored with the idempotency key so a key can't be reused for another command.</summary>
    public abstract string Name { get; }
}
