using System.Text.Json;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary>Walks a list route page by page with the cursor each page gives, as a client would.</summary>
internal static class ApiPaging
{
    /// <summary>The ids of every item from <paramref name="path"/> (which has a query) on, in the order seen.</summary>
    public static async Task<List<long>> WalkAsync(this ApiTestHost host, string path, ApiCredentials? credentials, Func<JsonElement, long> id)
    {
        ArgumentNullException.ThrowIfNull(host);
        var ids = new List<long>();
        string? next = null;
        do
        {
            var page = await host.GetAsync(next is null ? path : $"{path}&cursor={next}", credentials);
            Assert.True(page.Status == 200, page.ToString());
            ids.AddRange(page.Json.GetProperty("items").EnumerateArray().Select(id));
            next = page.Json.TryGetProperty("next", out var cursor) ? cursor.GetString() : null;
        }
        while (next is not null && ids.Count < 1000);

        return ids;
    }
}
