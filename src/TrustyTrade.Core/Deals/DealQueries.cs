using TrustyTrade.Core.Deals.Disputes;
using TrustyTrade.Core.Deals.Workflow;
using TrustyTrade.Core.Ledger;
using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Deals;

/// <summary>
/// What people and integrations may read about deals. A user sees only deals they are a party to; an admin and the
/// platform (an integration the API let in with a read scope) see every deal.
/// </summary>
public sealed class DealQueries(IDealReader reader)
{
    /// <summary>A page of deals, newest first; a user's list holds only their own deals whatever the filter says.</summary>
    public Task<IReadOnlyList<DealSummary>> ListAsync(Actor viewer, DealFilter filter, long? beforeId, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(filter);
        return reader.ListAsync(filter with { ViewerId = viewer.Kind == ActorKind.User ? viewer.UserId : null }, beforeId, limit, cancellationToken);
    }

    /// <summary>The deal itself (with its listing's title), when <paramref name="viewer"/> may see it.</summary>
    public Task<(DealSummary? Summary, DealRefusal? Refusal)> FindSummaryAsync(long dealId, Actor viewer, CancellationToken cancellationToken) =>
        VisibleAsync(dealId, viewer, cancellationToken);

    /// <summary>
    /// The deal with its timeline, its dispute and, when <paramref name="workflow"/> is given, its workflow's state. A
    /// party sees why a workflow failed only as that it did, and the dispute without the evidence: both are for admins.
    /// </summary>
    public async Task<(DealDetail? Detail, DealRefusal? Refusal)> FindAsync(
        long dealId, Actor viewer, IDealWorkflow? workflow, CancellationToken cancellationToken)
    {
        var (summary, refusal) = await VisibleAsync(dealId, viewer, cancellationToken).ConfigureAwait(false);
        if (summary is null)
        {
            return (null, refusal);
        }

        var timeline = await reader.ListEventsAsync(dealId, cancellationToken).ConfigureAwait(false);
        var state = workflow is null ? null : await workflow.GetStateAsync(dealId, cancellationToken).ConfigureAwait(false);
        // A deal never disputed has no dispute to read.
        var dispute = summary.Deal.DisputedFrom is null ? null : await reader.FindDisputeAsync(dealId, cancellationToken).ConfigureAwait(false);
        if (viewer.Kind == ActorKind.User)
        {
            state = state is null ? null : state with { Failure = null };
            dispute = dispute is null ? null : dispute with { Evidence = [] };
        }

        return (new DealDetail(summary.Deal, summary.Title, timeline, state, dispute), null);
    }

    /// <summary>
    /// The disputes admins decide: open ones oldest first (the queue), or resolved ones newest first. Not for users,
    /// who see a dispute on their own deal's page.
    /// </summary>
    public async Task<(IReadOnlyList<Dispute>? Disputes, DealRefusal? Refusal)> ListDisputesAsync(
        Actor viewer, DisputeStatus status, long? cursor, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return viewer.Kind == ActorKind.User
            ? (null, new DealRefusal(DealRefusalCode.NotAParty, "only admins see the dispute queue"))
            : (await reader.ListDisputesAsync(status, cursor, limit, cancellationToken).ConfigureAwait(false), null);
    }

    /// <summary>The deal's money: its ledger entries and their net on each account.</summary>
    public async Task<(DealEscrow? Escrow, DealRefusal? Refusal)> EscrowAsync(long dealId, Actor viewer, CancellationToken cancellationToken)
    {
        var (summary, refusal) = await VisibleAsync(dealId, viewer, cancellationToken).ConfigureAwait(false);
        if (summary is null)
        {
            return (null, refusal);
        }

        var entries = await reader.ListLedgerEntriesAsync(dealId, cancellationToken).ConfigureAwait(false);
        var balances = entries
            .GroupBy(e => (e.Account, e.Amount.Currency))
            .Select(g => new LedgerBalance(g.Key.Account, new Money(g.Sum(e => e.Amount.Amount), g.Key.Currency)))
            .ToList();
        return (new DealEscrow(summary.Deal, balances, entries), null);
    }

    private async Task<(DealSummary? Summary, DealRefusal? Refusal)> VisibleAsync(long dealId, Actor viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var summary = await reader.FindAsync(dealId, cancellationToken).ConfigureAwait(false);
        if (summary is null)
        {
            return (null, new DealRefusal(DealRefusalCode.DealNotFound, "this deal does not exist"));
        }

        return summary.Deal.RoleOf(viewer) == DealRole.Stranger
            ? (null, new DealRefusal(DealRefusalCode.NotAParty, "only the buyer, the seller or an admin may see this deal"))
            : (summary, null);
    }
}
