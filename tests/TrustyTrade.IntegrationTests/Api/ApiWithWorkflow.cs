using TrustyTrade.IntegrationTests.Infrastructure;
using TrustyTrade.IntegrationTests.Orchestration;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary>
/// The API over the test database with the deal workflow running in the Durable in-process test host, for routes
/// that take a DurableTaskClient. The API's clock starts at the real time, as the workflow's timers run on it.
/// </summary>
internal sealed class ApiWithWorkflow : IAsyncDisposable
{
    private ApiWithWorkflow(ApiTestHost host, DealWorkflowHarness workflow)
    {
        Host = host;
        Workflow = workflow;
    }

    public ApiTestHost Host { get; }

    public DealWorkflowHarness Workflow { get; }

    /// <param name="database">The shared test database.</param>
    /// <param name="settings">Settings of the API on top of the test configuration.</param>
    /// <param name="logs">Where every log line of the API and of the workflow goes, when given.</param>
    public static async Task<ApiWithWorkflow> StartAsync(DatabaseFixture database, IReadOnlyDictionary<string, string?>? settings = null, CapturedLogs? logs = null)
    {
        var workflow = await DealWorkflowHarness.StartAsync(database, logs: logs);
        var host = ApiTestHost.Start(settings, workflow.Client, logs);
        host.Time.SetUtcNow(DateTimeOffset.UtcNow);
        return new ApiWithWorkflow(host, workflow);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Workflow.DisposeAsync();
    }
}
