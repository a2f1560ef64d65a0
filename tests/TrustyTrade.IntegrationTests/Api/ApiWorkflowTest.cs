using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary>A class of API tests whose routes take a DurableTaskClient: each test gets the database emptied and the API with the deal workflow.</summary>
public abstract class ApiWorkflowTest(DatabaseFixture database) : IAsyncLifetime
{
    private ApiWithWorkflow _api = null!;

    protected ApiTestHost Host => _api.Host;

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        _api = await ApiWithWorkflow.StartAsync(database);
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();
}
