using TrustyTrade.Core.Deals;

namespace TrustyTrade.Core.Access;

/// <summary>
/// Who is calling the HTTP API, as authenticated for this one request: a user or an admin (by access token), an
/// integration (by API key, with its scopes), or nobody. <see cref="ClientIp"/> is for rate limits and the audit log.
/// </summary>
public sealed record ApiCaller(CallerKind Kind, long? UserId, long? ApiKeyId, IReadOnlySet<string> Scopes, string? ClientIp)
{
    private static readonly IReadOnlySet<string> NoScopes = new HashSet<string>(StringComparer.Ordinal);

    public static ApiCaller Anonymous(string? clientIp) => new(CallerKind.Anonymous, null, null, NoScopes, clientIp);

    public static ApiCaller User(long userId, string? clientIp) => new(CallerKind.User, userId, null, NoScopes, clientIp);

    public static ApiCaller Admin(long userId, string? clientIp) => new(CallerKind.Admin, userId, null, NoScopes, clientIp);

    public static ApiCaller Key(long apiKeyId, IReadOnlySet<string> scopes, string? clientIp) =>
        new(CallerKind.ApiKey, null, apiKeyId, scopes, clientIp);

    public bool IsAdmin => Kind == CallerKind.Admin;

    /// <summary>Whether this caller is the user <paramref name="userId"/> (an admin or a key is nobody's self).</summary>
    public bool Is(long userId) => Kind == CallerKind.User && UserId == userId;

    /// <summary>A stable name for per-caller records (idempotency keys, rate limits): <c>user:42</c>, <c>key:7</c>.</summary>
    public string Id => Kind switch
    {
        CallerKind.User => $"user:{UserId}",
        CallerKind.Admin => $"admin:{UserId}",
        CallerKind.ApiKey => $"key:{ApiKeyId}",
        _ => $"ip:{ClientIp}",
    };

    /// <summary>The caller as a party to a deal's commands: integrations act as the platform.</summary>
    public Actor Actor => Kind switch
    {
        CallerKind.User => Actor.User(UserId!.Value),
        CallerKind.Admin => Actor.Admin(UserId!.Value),
        _ => Actor.System,
    };
}
