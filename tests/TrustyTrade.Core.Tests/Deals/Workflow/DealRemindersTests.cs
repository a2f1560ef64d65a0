using System.ComponentModel.DataAnnotations;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Deals.Workflow;

namespace TrustyTrade.Core.Tests.Deals.Workflow;

/// <summary>Who is reminded of a deal's deadline (the party who has to act) and when, under the configured lead times.</summary>
public sealed class DealRemindersTests
{
    private static readonly DealWorkflowOptions Defaults = new();

    [Theory]
    [InlineData(DealStatus.AwaitingPayment, DealBuilder.DefaultBuyerId)] // the buyer must pay
    [InlineData(DealStatus.Paid, DealBuilder.DefaultSellerId)] // the seller must deliver
    [InlineData(DealStatus.Delivered, DealBuilder.DefaultBuyerId)] // the buyer must confirm or dispute
    public void RecipientOf_ADeadlineSomeoneMustActBefore_IsThatParty(DealStatus status, long expected)
    {
        var deal = DealBuilder.InStatus(status).Build();

        Assert.Equal(expected, DealReminders.RecipientOf(deal, DealDeadline.Of(deal)!.Kind));
    }

    [Fact]
    public void RecipientOf_TheWarrantysEnd_IsNobody() =>
        Assert.Null(DealReminders.RecipientOf(DealBuilder.InStatus(DealStatus.Completed).Build(), DealDeadlineKind.Warranty));

    [Theory]
    [InlineData(DealStatus.AwaitingPayment, 10)] // of a 30-minute payment window
    [InlineData(DealStatus.Paid, 6 * 60)] // of a 48-hour delivery window
    [InlineData(DealStatus.Delivered, 24 * 60)] // of a 72-hour inspection window
    public void RemindAt_DefaultLeadAtTheStartOfTheStep_IsThatLongBeforeTheDeadline(DealStatus status, int leadMinutes)
    {
        var deal = DealBuilder.InStatus(status).Build();
        var deadline = DealDeadline.Of(deal)!;

        var remindAt = DealReminders.RemindAt(deadline, Defaults.ReminderLead(deadline.Kind), DealBuilder.LastEventAt(deal));

        Assert.Equal(deadline.DueAt - TimeSpan.FromMinutes(leadMinutes), remindAt);
    }

    [Fact]
    public void RemindAt_LeadLongerThanTheTimeLeft_IsNone()
    {
        var deadline = new DealDeadline(DealDeadlineKind.Payment, DealBuilder.Start + TimeSpan.FromMinutes(30));

        Assert.Null(DealReminders.RemindAt(deadline, TimeSpan.FromMinutes(10), deadline.DueAt - TimeSpan.FromMinutes(9)));
    }

    [Fact]
    public void RemindAt_ZeroLead_IsNone()
    {
        var deadline = new DealDeadline(DealDeadlineKind.Delivery, DealBuilder.Start + TimeSpan.FromHours(48));

        Assert.Null(DealReminders.RemindAt(deadline, TimeSpan.Zero, DealBuilder.Start));
    }

    [Fact]
    public void RemindAt_Warranty_IsNoneWhateverTheLead()
    {
        var deadline = new DealDeadline(DealDeadlineKind.Warranty, DealBuilder.Start + TimeSpan.FromDays(5));

        Assert.Null(DealReminders.RemindAt(deadline, TimeSpan.FromDays(1), DealBuilder.Start));
    }

    [Fact]
    public void ReminderLead_Warranty_IsZero() => Assert.Equal(TimeSpan.Zero, Defaults.ReminderLead(DealDeadlineKind.Warranty));

    [Fact]
    public void ReminderLead_Zero_DisablesThatReminderOnly()
    {
        var options = new DealWorkflowOptions { DeliveryReminderHours = 0 };

        Assert.Equal((TimeSpan.Zero, TimeSpan.FromMinutes(10)), (options.ReminderLead(DealDeadlineKind.Delivery), options.ReminderLead(DealDeadlineKind.Payment)));
    }

    [Theory]
    [InlineData(-1, 6, 24)]
    [InlineData(10, -0.5, 24)]
    [InlineData(10, 6, 24 * 15)]
    public void Validation_NegativeOrOverlongLead_Fails(double paymentMinutes, double deliveryHours, double inspectionHours)
    {
        var options = new DealWorkflowOptions
        {
            PaymentReminderMinutes = paymentMinutes,
            DeliveryReminderHours = deliveryHours,
            InspectionReminderHours = inspectionHours,
        };

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), null, validateAllProperties: true));
    }

    [Fact]
    public void Validation_Defaults_Pass() =>
        Assert.True(Validator.TryValidateObject(Defaults, new ValidationContext(Defaults), null, validateAllProperties: true));
}
