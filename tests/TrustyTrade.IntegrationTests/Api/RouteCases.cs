namespace TrustyTrade.IntegrationTests.Api;

/// <summary>Every row of the authorization matrix, one list per resource.</summary>
internal static class RouteCases
{
    public static IReadOnlyList<RouteCase> All { get; } =
    [
        .. PlatformRouteCases.All,
        .. AccessRouteCases.All,
        .. DocsRouteCases.All,
        .. PaymentsRouteCases.All,
        .. NotificationsRouteCases.All,
        .. AccountsRouteCases.All,
        .. DealsRouteCases.All,
        .. EscrowRouteCases.All,
    ];
}
