namespace TrustyTrade.Core.Deals.Disputes;

/// <summary>Whether a dispute still waits for an admin's decision.</summary>
public enum DisputeStatus
{
    Open,
    Resolved,
}
