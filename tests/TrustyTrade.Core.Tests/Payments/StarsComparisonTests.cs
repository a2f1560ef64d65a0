using TrustyTrade.Core.Payments.Stars;

namespace TrustyTrade.Core.Tests.Payments;

public sealed class StarsComparisonTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Settled = Now - StarsReconciliationService.SettleTime;
    private static readonly DateTimeOffset Earlier = Now.AddHours(-2);

    [Fact]
    public void Compare_SamePaymentsAndRefundsOnBothSides_FindsNothing()
    {
        StarTransaction[] telegram = [Paid("a", 100), Paid("b", 50), Refund("b", 50)];
        StarsChargeRecord[] ours = [Ours("a", 100), Ours("b", 50, refunded: true)];

        Assert.Empty(StarsComparison.Compare(telegram, ours, Settled));
    }

    [Fact]
    public void Compare_PaymentOnlyTelegramHas_IsMissingHere() =>
        Assert.Equal([("x", StarsDiscrepancyKind.MissingHere)], Kinds(StarsComparison.Compare([Paid("x", 10)], [], Settled)));

    [Fact]
    public void Compare_ChargeOnlyWeHave_IsMissingAtTelegram() =>
        Assert.Equal([("y", StarsDiscrepancyKind.MissingAtTelegram)], Kinds(StarsComparison.Compare([], [Ours("y", 10)], Settled)));

    [Fact]
    public void Compare_RefundedOnlyAtTelegram_IsFlaggedAsSuch() =>
        Assert.Equal([("r", StarsDiscrepancyKind.RefundedOnlyAtTelegram)],
            Kinds(StarsComparison.Compare([Paid("r", 10), Refund("r", 10)], [Ours("r", 10)], Settled)));

    [Fact]
    public void Compare_RefundedOnlyHere_IsFlaggedAsSuch() =>
        Assert.Equal([("r", StarsDiscrepancyKind.RefundedOnlyHere)],
            Kinds(StarsComparison.Compare([Paid("r", 10)], [Ours("r", 10, refunded: true)], Settled)));

    [Fact]
    public void Compare_DifferentAmounts_IsAmountDiffers() =>
        Assert.Equal([("m", StarsDiscrepancyKind.AmountDiffers)], Kinds(StarsComparison.Compare([Paid("m", 10)], [Ours("m", 11)], Settled)));

    [Fact]
    public void Compare_WhatHasNotSettledYet_IsNotADifference()
    {
        // A payment whose update is still queued, a charge Telegram's list does not show yet, a refund before our commit.
        StarTransaction[] telegram = [Paid("new", 10, Now), Paid("old", 10), Refund("old", 10, Now)];
        StarsChargeRecord[] ours = [Ours("old", 10), Ours("fresh", 10, at: Now)];

        Assert.Empty(StarsComparison.Compare(telegram, ours, Settled));
    }

    [Fact]
    public void Compare_TransactionsWithOtherPartners_AreNotCompared()
    {
        // A withdrawal to Fragment: neither a user's payment nor a refund to one.
        StarTransaction[] telegram = [new("withdrawal-1", 500, Earlier, FromUserId: null, ToUserId: null)];

        Assert.Empty(StarsComparison.Compare(telegram, [], Settled));
    }

    [Fact]
    public void Compare_RefundOwedLongerThanTheRetriesTake_IsRefundPending()
    {
        var owedLongAgo = Settled - StarsComparison.RefundGrace - TimeSpan.FromMinutes(1);

        var found = StarsComparison.Compare([Paid("p", 10)], [Ours("p", 10, at: owedLongAgo, owedSince: owedLongAgo)], Settled);

        Assert.Equal([("p", StarsDiscrepancyKind.RefundPending)], Kinds(found));
    }

    [Fact]
    public void Compare_RefundOwedWhileItsRetriesMayStillRun_IsNotADifference() =>
        Assert.Empty(StarsComparison.Compare([Paid("p", 10)], [Ours("p", 10, owedSince: Earlier)], Settled));

    [Fact]
    public void Compare_DetailNamesAmountsNotPayloads()
    {
        var difference = Assert.Single(StarsComparison.Compare([Paid("x", 42)], [], Settled));

        Assert.Contains("42 XTR", difference.Detail, StringComparison.Ordinal);
    }

    private static StarTransaction Paid(string id, long amount, DateTimeOffset? at = null) => new(id, amount, at ?? Earlier, FromUserId: 7, ToUserId: null);

    private static StarTransaction Refund(string id, long amount, DateTimeOffset? at = null) => new(id, amount, at ?? Earlier, FromUserId: null, ToUserId: 7);

    private static StarsChargeRecord Ours(string id, long amount, bool refunded = false, DateTimeOffset? at = null, DateTimeOffset? owedSince = null) =>
        new(id, amount, refunded, at ?? Earlier, owedSince);

    private static (string, StarsDiscrepancyKind)[] Kinds(IReadOnlyList<StarsDiscrepancy> found) => [.. found.Select(d => (d.ChargeId, d.Kind))];
}
