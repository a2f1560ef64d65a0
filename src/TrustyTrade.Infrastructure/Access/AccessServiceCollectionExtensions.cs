using Microsoft.Extensions.DependencyInjection;
using TrustyTrade.Core.Access;

namespace TrustyTrade.Infrastructure.Access;

internal static class AccessServiceCollectionExtensions
{
    /// <summary>The API's tokens, keys, rate limits, idempotency records and audit log.</summary>
    public static IServiceCollection AddApiAccess(this IServiceCollection services)
    {
        services.AddSingleton<IAccessTokens, JwtAccessTokens>();
        services.AddSingleton<IRefreshTokenStore, PostgresRefreshTokenStore>();
        services.AddSingleton<IApiKeyStore, PostgresApiKeyStore>();
        services.AddSingleton<IAuditLog, PostgresAuditLog>();
        services.AddSingleton<IApiRateLimiter, RedisApiRateLimiter>();
        services.AddSingleton<IApiIdempotencyStore, PostgresApiIdempotencyStore>();
        return services;
    }
}
