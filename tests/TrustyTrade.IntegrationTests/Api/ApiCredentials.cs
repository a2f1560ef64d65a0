namespace TrustyTrade.IntegrationTests.Api;

/// <summary>How a test request authenticates: nothing, a bearer token, or an API key.</summary>
public sealed record ApiCredentials(string? Bearer, string? ApiKey, long? UserId = null)
{
    public static ApiCredentials None { get; } = new(null, null);

    public static ApiCredentials Token(string token, long? userId = null) => new(token, null, userId);

    public static ApiCredentials Key(string key) => new(null, key);
}
