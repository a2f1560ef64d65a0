using TrustyTrade.Core.Deals;

namespace TrustyTrade.Functions.Deals;

/// <summary>
/// The orchestration's custom status, for the bot and the admin panel: the deal's current step (its status name), the
/// deadline it waits on and when that is due (none while disputed or closed), and the deal's version.
/// </summary>
public sealed record DealWorkflowStatus(string Step, string? Deadline, DateTimeOffset? DueAt, int Version)
{
    public static DealWorkflowStatus Of(DealStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new(step.Status.ToName(), step.Deadline?.ToString().ToLowerInvariant(), step.DueAt, step.Version);
    }
}
