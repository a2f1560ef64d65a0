using TrustyTrade.Core.Access;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary>Matrix rows for <c>/api/notifications</c>: admins and scoped keys message a user; only admins broadcast.</summary>
internal static class NotificationsRouteCases
{
    public static IEnumerable<RouteCase> All { get; } =
    [
        new("ListNotifications", "GET", ApiScopes.NotificationsRead, _ => Task.FromResult(new RouteRequest("/api/notifications")), 401, 403, 403, 200, 200),
        new("PostNotification", "POST", ApiScopes.NotificationsWrite,
            w => Task.FromResult(new RouteRequest("/api/notifications", new { userId = w.OwnerId, text = "Your payout is on its way" })),
            401, 403, 403, 202, 202),

        // English readers only: the matrix's users read Russian, so the broadcast queues next to nothing.
        new("PostBroadcast", "POST", null,
            _ => Task.FromResult(new RouteRequest("/api/notifications/broadcast", new { id = $"matrix-{Guid.NewGuid():N}", text = "Maintenance at 03:00", language = "en" })),
            401, 403, 403, 202, RouteCase.Keys),
    ];
}
