using System.Text.Json;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary>A class of API tests: each test gets the shared database emptied and a fresh <see cref="ApiTestHost"/> over it.</summary>
public abstract class ApiHostTest(DatabaseFixture database) : IAsyncLifetime
{
    protected ApiTestHost Host { get; private set; } = null!;

    protected DatabaseFixture Database => database;

    /// <summary>Payment data made through <see cref="Host"/>'s services.</summary>
    internal PaymentSeeds Seeds => new(Host);

    public virtual async Task InitializeAsync()
    {
        await database.ResetAsync();
        Host = ApiTestHost.Start();
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>Follows <c>next</c> from <paramref name="path"/> to the last page; the ids in the order they came.</summary>
    protected async Task<List<long>> PageThroughAsync(string path, ApiCredentials credentials)
    {
        var seen = new List<long>();
        for (string? next = null, first = path; first is not null || next is not null;)
        {
            var page = (await Host.GetAsync(first ?? $"{path}&cursor={next}", credentials)).Json;
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
            next = page.TryGetProperty("next", out var cursor) && cursor.ValueKind == JsonValueKind.String ? cursor.GetString() : null;
            first = null;
        }

        return seen;
    }

    protected static List<long> Ids(ApiResponse response) =>
        [.. response.Json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64())];
}
