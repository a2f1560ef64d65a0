using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrustyTrade.Core.Access.Admins;
using TrustyTrade.Core.Access.Telegram;
using TrustyTrade.Infrastructure.Telegram;

namespace TrustyTrade.Infrastructure.Access;

internal static class SignInServiceCollectionExtensions
{
    /// <summary>
    /// Admin sign-in's adapters (credentials in PostgreSQL, bcrypt, TOTP, the Redis lockout) and the bot token that
    /// Core's Telegram sign-in verifier checks signatures with, taken from the Telegram settings.
    /// </summary>
    public static IServiceCollection AddSignIn(this IServiceCollection services)
    {
        services.AddSingleton(sp => new TelegramBotToken(sp.GetRequiredService<IOptions<TelegramOptions>>().Value.BotToken));
        services.AddSingleton<IAdminCredentialStore, PostgresAdminCredentialStore>();
        services.AddSingleton<IPasswordHasher, BCryptPasswordHasher>();
        services.AddSingleton<ITotpAuthenticator, OtpNetTotpAuthenticator>();
        services.AddSingleton<ILoginThrottle, RedisLoginThrottle>();
        return services;
    }
}
