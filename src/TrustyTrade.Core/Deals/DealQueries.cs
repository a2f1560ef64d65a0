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

    /// <summary>The deal with its timeline and, when <paramref name="workflow"/> is given, its workflow's state.</summary>
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
        var dispute = await reader.FindDisputeAsync(dealId, cancellationToken).ConfigureAwait(false);
        // What each side sent an admin is for the admin to weigh; a party sees the dispute without the evidence.
        var shown = viewer.Kind == ActorKind.User && dispute is not null ? dispute with { Evidence = [] } : dispute;
        return (new DealDetail(summary.Deal, summary.Title, timeline, state, shown), null);
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
