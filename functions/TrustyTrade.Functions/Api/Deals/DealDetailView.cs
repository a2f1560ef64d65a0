using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Deals.Workflow;

namespace TrustyTrade.Functions.Api.Deals;

/// <summary><c>GET /api/deals/{id}</c>: Core's <see cref="DealDetail"/> with its dispute as the API shows disputes.</summary>
public sealed record DealDetailView(Deal Deal, string Title, IReadOnlyList<DealEvent> Timeline, DealWorkflowState? Workflow, DisputeView? Dispute);
