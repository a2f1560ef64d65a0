using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Deals.Workflow;

namespace TrustyTrade.Core.Tests.Deals.Workflow;

/// <summary>Which deadline a deal waits on in each status, and what the platform does when it passes.</summary>
public sealed class DealDeadlineTests
{
    [Theory]
    [InlineData(DealStatus.AwaitingPayment, DealDeadlineKind.Payment)]
    [InlineData(DealStatus.Paid, DealDeadlineKind.Delivery)]
    [InlineData(DealStatus.Delivered, DealDeadlineKind.Inspection)]
    [InlineData(DealStatus.Completed, DealDeadlineKind.Warranty)]
    public void Of_OpenStatusWithADeadline_IsThatStatusDeadline(DealStatus status, DealDeadlineKind expected)
    {
        var deal = DealBuilder.InStatus(status).Build();

        Assert.Equal(expected, DealDeadline.Of(deal)?.Kind);
    }

    [Fact]
    public void Of_EachStatus_IsDueWhenTheDealSaysSo()
    {
        var paid = DealBuilder.InStatus(DealStatus.Paid).Build();

        Assert.Equal(paid.DeliveryDueAt, DealDeadline.Of(paid)?.DueAt);
    }

    [Theory]
    [InlineData(DealStatus.Disputed)]
    [InlineData(DealStatus.Released)]
    [InlineData(DealStatus.Cancelled)]
    [InlineData(DealStatus.Expired)]
    [InlineData(DealStatus.Refunded)]
    [InlineData(DealStatus.Resolved)]
    public void Of_DisputedOrFinal_HasNoDeadline(DealStatus status)
    {
        var deal = DealBuilder.InStatus(status).DisputedFrom(DealStatus.Delivered).Build();

        Assert.Null(DealDeadline.Of(deal));
    }

    [Theory]
    [InlineData(DealDeadlineKind.Payment, "expire")]
    [InlineData(DealDeadlineKind.Delivery, "refund_undelivered")]
    [InlineData(DealDeadlineKind.Inspection, "auto_complete")]
    [InlineData(DealDeadlineKind.Warranty, "release")]
    public void Command_EachDeadline_IsItsSystemCommand(DealDeadlineKind kind, string command) =>
        Assert.Equal(command, new DealDeadline(kind, DealBuilder.Start).Command.Name);

    [Theory]
    [InlineData(DealStatus.AwaitingPayment)]
    [InlineData(DealStatus.Paid)]
    [InlineData(DealStatus.Delivered)]
    [InlineData(DealStatus.Completed)]
    public void Command_AtTheDeadline_IsAcceptedByTheStateMachineForTheSystem(DealStatus status)
    {
        var deal = DealBuilder.InStatus(status).Build();
        var deadline = DealDeadline.Of(deal)!;

        var decision = DealStateMachine.Decide(deal, deadline.Command, Actor.System, deadline.DueAt, new EscrowOptions());

        Assert.Null(decision.Refusal);
    }
}
