using System.Globalization;
using TrustyTrade.Functions.Telemetry;
using TrustyTrade.IntegrationTests.Bot;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Telemetry;

/// <summary>What operators see of a whole deal: the metrics endpoint's figures, the logs' fields and secrecy, the trace.</summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class ScriptedDealTelemetryTests(DatabaseFixture database) : IAsyncLifetime
{
    private ScriptedDeal _deal = null!;

    public async Task InitializeAsync() => _deal = await ScriptedDeal.RunOnceAsync(database);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void Metrics_WhileTheMoneyIsHeld_ShowTheEscrowAndThePaidDeal() =>
        Assert.Equal(
            (150d, 1d),
            (Value(_deal.WhileHeld, """trustytrade_escrow_held{currency="XTR"}"""),
             Value(_deal.WhileHeld, "trustytrade_payment_confirmation_seconds_count{method=\"telegram_stars\"}")));

    [Fact]
    public void Metrics_AtTheEnd_CountTheDealInItsFinalState() =>
        Assert.Equal(1d, Value(_deal.AtTheEnd, $"trustytrade_deals{{state=\"{_deal.FinalStatus}\"}}"));

    [Fact]
    public void Metrics_CountTheRefusedCheckoutAsAFailedPayment() =>
        Assert.Equal(1d, Value(_deal.AtTheEnd, """trustytrade_payments_failed_total{method="telegram_stars",reason="checkout_refused"}"""));

    [Fact]
    public void Metrics_CountEveryNotificationSent_AddedUpOverBothInstances()
    {
        Assert.NotEmpty(_deal.Sent);
        foreach (var (kind, count) in _deal.Sent)
        {
            var tag = string.Concat(kind.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
            Assert.Equal(count, Value(_deal.AtTheEnd, $"trustytrade_notifications_sent_total{{kind=\"{tag}\"}}"));
        }
    }

    [Fact]
    public void Metrics_CountTheDealsUnpublishedIntegrationEvents() =>
        Assert.Equal((true, (double)_deal.OutboxEvents), (_deal.OutboxEvents >= 4, Value(_deal.AtTheEnd, "trustytrade_outbox_pending")));

    [Fact]
    public void Metrics_PaymentLatencyHistogram_IsCumulative()
    {
        var infinity = Value(_deal.AtTheEnd, "trustytrade_payment_confirmation_seconds_bucket{method=\"telegram_stars\",le=\"+Inf\"}");
        var fiveSeconds = Value(_deal.AtTheEnd, "trustytrade_payment_confirmation_seconds_bucket{method=\"telegram_stars\",le=\"5\"}");

        Assert.Equal((1d, true), (infinity, fiveSeconds <= infinity));
    }

    [Fact]
    public void Metrics_ServeEveryFamilyWithItsType()
    {
        var families = Infrastructure.PrometheusAssert.Families(_deal.AtTheEnd);

        Assert.Equal(
            [.. TrustyTrade.Infrastructure.Telemetry.PrometheusFamilies.All.Select(f => f.Name).Order(StringComparer.Ordinal)],
            [.. families.Keys.Order(StringComparer.Ordinal)]);
    }

    [Fact]
    public void Logs_NeverHoldTheBotTokenTheWebhookSecretOrTheCredentials()
    {
        var secrets = new[] { _deal.BotToken, BotConversationHarness.Secret, ScriptedDeal.Credentials, "s3cret-42", "hero@example.com" };

        var leaks = _deal.Logs.Lines.Where(line => secrets.Any(secret => line.Everything.Contains(secret, StringComparison.Ordinal))).ToList();

        // The capture saw the steps that handle the secrets: the listing with its credentials, and their showing.
        Assert.Contains(_deal.Logs.Lines, l => l.Message.StartsWith($"Credentials of deal {_deal.DealId} shown", StringComparison.Ordinal));
        Assert.Empty(leaks);
    }

    [Fact]
    public void Logs_OfTheDealsTransitions_CarryTheDealId() =>
        Assert.All(
            _deal.Logs.Lines.Where(l => l.Message.StartsWith($"Deal {_deal.DealId}:", StringComparison.Ordinal) && l.Message.Contains("moved it from", StringComparison.Ordinal)),
            l => Assert.Equal(_deal.DealId.ToString(CultureInfo.InvariantCulture), l.Fields["DealId"]));

    [Fact]
    public void Logs_WrittenWhileAnUpdateIsProcessed_CarryTheUpdateId()
    {
        var transitions = _deal.Logs.Lines.Where(l => l.Message.Contains("moved it from", StringComparison.Ordinal)).ToList();

        Assert.Contains(transitions, l => l.Fields.ContainsKey("UpdateId") && l.Fields.ContainsKey("DealId"));
    }

    [Fact]
    public void Trace_TheUpdatesProcessingLinksToTheWebhookThatQueuedIt()
    {
        var processing = _deal.Spans.Where(s => s.OperationName == "telegram.update process").ToList();

        Assert.Contains(processing, s => s.Links.Any(link => link.Context.TraceId.ToString() == _deal.WebhookTraceId));
    }

    [Fact]
    public void Trace_TheDealsOrchestrationAndActivities_ContinueTheTraceOfTheUpdateThatOpenedIt()
    {
        var workflow = _deal.Spans.Where(s => s.Source.Name == TelemetryServiceCollectionExtensions.DurableTaskSource && s.TraceId.ToString() == _deal.BuyTraceId).Select(s => s.OperationName).ToList();

        Assert.Equal(
            (true, true),
            (workflow.Contains("create_orchestration:DealOrchestrator"), workflow.Any(name => name.StartsWith("activity:", StringComparison.Ordinal))));
    }

    [Fact]
    public void Trace_ThePaymentsSignalToTheWorkflow_IsInTheTraceOfTheUpdateThatCarriedIt()
    {
        var payment = _deal.Spans.Single(s => s.OperationName == "telegram.update process" && s.Links.Any(l => l.Context.TraceId.ToString() == _deal.WebhookTraceId));

        Assert.Contains(_deal.Spans, s => s.Source.Name == TelemetryServiceCollectionExtensions.DurableTaskSource && s.OperationName.StartsWith("orchestration_event:", StringComparison.Ordinal) && s.TraceId == payment.TraceId);
    }

    private static double Value(string text, string series) =>
        Infrastructure.PrometheusAssert.Value(text, series);
}
