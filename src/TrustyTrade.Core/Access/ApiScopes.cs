namespace TrustyTrade.Core.Access;

/// <summary>What an integration's API key may do. Keys never change users: bans and roles are for admins in person.</summary>
public static class ApiScopes
{
    public const string UsersRead = "users:read";
    public const string AccountsRead = "accounts:read";
    public const string AccountsWrite = "accounts:write";
    public const string DealsRead = "deals:read";
    public const string DealsWrite = "deals:write";
    public const string EscrowRead = "escrow:read";
    public const string EscrowWrite = "escrow:write";
    public const string PaymentsRead = "payments:read";
    public const string PaymentsWrite = "payments:write";
    public const string NotificationsRead = "notifications:read";
    public const string NotificationsWrite = "notifications:write";

    public static IReadOnlyList<string> All { get; } =
    [
        UsersRead, AccountsRead, AccountsWrite, DealsRead, DealsWrite,
        EscrowRead, EscrowWrite, PaymentsRead, PaymentsWrite, NotificationsRead, NotificationsWrite,
    ];

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);
}
