namespace TrustyTrade.IntegrationTests.Api;

/// <summary>Matrix rows for the routes outside the API proper: the health probe and Telegram's webhook.</summary>
internal static class PlatformRouteCases
{
    public static IEnumerable<RouteCase> All { get; } =
    [
        new("GetHealth", "GET", null, _ => Task.FromResult(new RouteRequest("/api/health")), 200, 200, 200, 200, 200, 200),

        // The metrics endpoint knows only its scrape key: a user's token or an API key is not it.
        new("GetMetrics", "GET", null, _ => Task.FromResult(new RouteRequest("/api/metrics")), 401, 401, 401, 401, 401, 401),

        // Telegram's webhook knows only its secret header: no token or key opens it.
        new("TelegramWebhook", "POST", null, _ => Task.FromResult(new RouteRequest("/api/telegram/webhook", new { update_id = 1 })), 401, 401, 401, 401, 401, 401),
    ];
}
