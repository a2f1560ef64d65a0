using System.Text.Json;
using TrustyTrade.Functions.Telemetry;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Hosting;

/// <summary>What the Worker SDK generates for the Functions host, read from the app's build output.</summary>
public sealed class FunctionsMetadataTests
{
    [Fact]
    public void FunctionsMetadata_HealthFunction_IsAnAnonymousGetOnRouteHealth()
    {
        var trigger = Bindings("GetHealth").Single(b => b.GetProperty("type").GetString() == "httpTrigger");

        Assert.Equal("health", trigger.GetProperty("route").GetString());
        Assert.Equal(["get"], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString());
    }

    [Fact]
    public void FunctionsMetadata_HealthFunction_PointsAtTheWorkerAssembly()
    {
        var function = Function("GetHealth");

        Assert.Equal("TrustyTrade.Functions.dll", function.GetProperty("scriptFile").GetString());
        Assert.Equal("TrustyTrade.Functions.Health.HealthFunction.GetHealth", function.GetProperty("entryPoint").GetString());
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.FunctionsOutput, "TrustyTrade.Functions.dll")));
    }

    [Fact]
    public void FunctionsMetadata_TelegramWebhook_IsAnAnonymousPostOnRouteTelegramWebhook()
    {
        var trigger = Bindings("TelegramWebhook").Single(b => b.GetProperty("type").GetString() == "httpTrigger");

        // Anonymous on purpose: Telegram can't send a function key; the secret token header is the check.
        Assert.Equal("telegram/webhook", trigger.GetProperty("route").GetString());
        Assert.Equal(["post"], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString());
    }

    [Fact]
    public void FunctionsMetadata_SendNotification_IsTriggeredByTheNotificationsQueue()
    {
        var trigger = Bindings("SendNotification").Single(b => b.GetProperty("type").GetString() == "queueTrigger");

        Assert.Equal("notifications", trigger.GetProperty("queueName").GetString());
        Assert.Equal("TrustyTrade.Functions.Notifications.SendNotificationFunction.SendNotification",
            Function("SendNotification").GetProperty("entryPoint").GetString());
    }

    [Fact]
    public void FunctionsMetadata_ProcessTelegramUpdate_IsTriggeredByTheUpdatesQueueWithADurableClient()
    {
        var bindings = Bindings("ProcessTelegramUpdate");
        var trigger = bindings.Single(b => b.GetProperty("type").GetString() == "queueTrigger");

        Assert.Equal("telegram-updates", trigger.GetProperty("queueName").GetString());
        Assert.Single(bindings, b => b.GetProperty("type").GetString() == "durableClient");
    }

    [Fact]
    public void FunctionsMetadata_PollChainPayments_IsTriggeredByTheChainPollQueueWithADurableClient()
    {
        var bindings = Bindings("PollChainPayments");
        var trigger = bindings.Single(b => b.GetProperty("type").GetString() == "queueTrigger");

        Assert.Equal("chain-poll", trigger.GetProperty("queueName").GetString());
        Assert.Single(bindings, b => b.GetProperty("type").GetString() == "durableClient");
    }

    [Fact]
    public void FunctionsMetadata_ChainPollingWatchdog_RunsEveryMinuteOnATimer()
    {
        var trigger = Bindings("WatchChainPolling").Single(b => b.GetProperty("type").GetString() == "timerTrigger");

        Assert.Equal("40 * * * * *", trigger.GetProperty("schedule").GetString());
    }

    [Fact]
    public void FunctionsMetadata_Payouts_RunEveryMinuteOnATimer()
    {
        var trigger = Bindings("RunPayouts").Single(b => b.GetProperty("type").GetString() == "timerTrigger");

        Assert.Equal("20 * * * * *", trigger.GetProperty("schedule").GetString());
    }

    [Fact]
    public void HostJson_MaxDequeueCount_IsTheOneTheUpdateProcessorKnows()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json")));
        var hostCount = host.RootElement.GetProperty("extensions").GetProperty("queues").GetProperty("maxDequeueCount").GetInt32();

        Assert.Equal(TrustyTrade.Functions.Bot.ProcessTelegramUpdateFunction.MaxDequeueCount, hostCount);
    }

    [Fact]
    public void HostJson_MaxDequeueCount_IsTheOneTheSenderKnows()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json")));
        var hostCount = host.RootElement.GetProperty("extensions").GetProperty("queues").GetProperty("maxDequeueCount").GetInt32();

        Assert.Equal(hostCount.ToString(System.Globalization.CultureInfo.InvariantCulture), TestConfiguration.SampleValues["Notifications__MaxDequeueCount"]);
    }

    [Fact]
    public void HostJson_QueueMessages_AreBase64AsThePublisherWritesThem()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json")));

        Assert.Equal("base64", host.RootElement.GetProperty("extensions").GetProperty("queues").GetProperty("messageEncoding").GetString());
    }

    [Theory]
    [InlineData("DealOrchestrator", "orchestrationTrigger")]
    [InlineData("LoadDeal", "activityTrigger")]
    [InlineData("PassDeadline", "activityTrigger")]
    [InlineData("NotifyParties", "activityTrigger")]
    [InlineData("RemindDeadline", "activityTrigger")]
    [InlineData("ReconcileDealWorkflows", "timerTrigger")]
    [InlineData("RefundStarsPayment", "activityTrigger")]
    public void FunctionsMetadata_DealWorkflow_ListsEachFunctionWithItsTrigger(string function, string trigger) =>
        Assert.Single(Bindings(function), b => b.GetProperty("type").GetString() == trigger);

    [Fact]
    public void FunctionsMetadata_Reconciliation_RunsEveryFiveMinutesWithADurableClient()
    {
        var bindings = Bindings("ReconcileDealWorkflows");

        Assert.Equal("0 */5 * * * *", bindings.Single(b => b.GetProperty("type").GetString() == "timerTrigger").GetProperty("schedule").GetString());
        Assert.Single(bindings, b => b.GetProperty("type").GetString() == "durableClient");
    }

    [Fact]
    public void FunctionsMetadata_StarsReconciliation_RunsHourlyOnATimer()
    {
        var trigger = Bindings("ReconcileStarsPayments").Single(b => b.GetProperty("type").GetString() == "timerTrigger");

        Assert.Equal("0 41 * * * *", trigger.GetProperty("schedule").GetString());
        Assert.Equal("TrustyTrade.Functions.Payments.StarsReconciliationFunction.ReconcileStarsPayments",
            Function("ReconcileStarsPayments").GetProperty("entryPoint").GetString());
    }

    [Fact]
    public void FunctionsMetadata_SeenUpdateCleanup_RunsHourlyOnATimer()
    {
        var trigger = Bindings("CleanUpSeenUpdates").Single(b => b.GetProperty("type").GetString() == "timerTrigger");

        Assert.Equal("0 17 * * * *", trigger.GetProperty("schedule").GetString());
        Assert.Equal("TrustyTrade.Functions.Bot.SeenUpdateCleanupFunction.CleanUpSeenUpdates",
            Function("CleanUpSeenUpdates").GetProperty("entryPoint").GetString());
    }

    [Fact]
    public void FunctionsMetadata_ApiRecordsCleanup_RunsHourlyOnATimer()
    {
        var trigger = Bindings("CleanUpApiRecords").Single(b => b.GetProperty("type").GetString() == "timerTrigger");

        Assert.Equal("0 23 * * * *", trigger.GetProperty("schedule").GetString());
    }

    [Fact]
    public void FunctionsMetadata_PublishIntegrationEvents_RunsEveryTenSecondsOnATimer()
    {
        var trigger = Bindings("PublishIntegrationEvents").Single(b => b.GetProperty("type").GetString() == "timerTrigger");

        Assert.Equal("*/10 * * * * *", trigger.GetProperty("schedule").GetString());
    }

    [Fact]
    public void FunctionsMetadata_IntegrationEventsCleanup_RunsHourlyOnATimer()
    {
        var trigger = Bindings("CleanUpIntegrationEvents").Single(b => b.GetProperty("type").GetString() == "timerTrigger");

        Assert.Equal("0 29 * * * *", trigger.GetProperty("schedule").GetString());
    }

    [Fact]
    public void BuildOutput_ExtensionsJson_LoadsTheDurableTaskExtension() =>
        Assert.Contains("DurableTask", File.ReadAllText(Path.Combine(RepositoryPaths.FunctionsOutput, "extensions.json")), StringComparison.Ordinal);

    [Theory]
    [InlineData("host.json")]
    [InlineData("extensions.json")]
    [InlineData("worker.config.json")]
    [InlineData(".azurefunctions/Microsoft.Azure.Functions.Worker.Extensions.dll")]
    public void BuildOutput_HasWhatTheHostLoads(string relativePath) =>
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.FunctionsOutput, relativePath)), $"{relativePath} is missing");

    [Fact]
    public void BuildOutput_HostJson_IsTheRepositoryRootCopy() =>
        Assert.Equal(
            File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json")),
            File.ReadAllText(Path.Combine(RepositoryPaths.FunctionsOutput, "host.json")));

    [Fact]
    public void FunctionsMetadata_Metrics_IsAnAnonymousGetOnTheMetricsRoute()
    {
        var trigger = Bindings("GetMetrics").Single(b => b.GetProperty("type").GetString() == "httpTrigger");

        Assert.Equal(
            ("metrics", "anonymous", "get"),
            (trigger.GetProperty("route").GetString(), trigger.GetProperty("authLevel").GetString()?.ToLowerInvariant(), trigger.GetProperty("methods")[0].GetString()));
    }

    [Fact]
    public void FunctionsMetadata_OperationsGauges_RecordEveryMinute() =>
        Assert.Equal(
            OperationsGaugesFunction.Schedule,
            Bindings("RecordOperationsGauges").Single(b => b.GetProperty("type").GetString() == "timerTrigger").GetProperty("schedule").GetString());

    private static JsonElement Function(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.FunctionsOutput, "functions.metadata")));
        return document.RootElement.EnumerateArray().Single(f => f.GetProperty("name").GetString() == name).Clone();
    }

    private static JsonElement[] Bindings(string function) => [.. Function(function).GetProperty("bindings").EnumerateArray()];
}
