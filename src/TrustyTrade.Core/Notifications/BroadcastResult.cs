namespace TrustyTrade.Core.Notifications;

/// <summary>How many users a broadcast was queued for, or why it was refused (then nothing was queued).</summary>
public sealed record BroadcastResult(int Queued, string? Refusal)
{
    public bool Succeeded => Refusal is null;
}
