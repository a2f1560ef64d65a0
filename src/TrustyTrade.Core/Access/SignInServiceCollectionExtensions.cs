using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TrustyTrade.Core.Access.Admins;
using TrustyTrade.Core.Access.Telegram;

namespace TrustyTrade.Core.Access;

internal static class SignInServiceCollectionExtensions
{
    /// <summary>
    /// Telegram sign-in verification and admin sign-in and enrolment, with their options. The verifier's
    /// <see cref="TelegramBotToken"/> and the admin adapters come from the infrastructure.
    /// </summary>
    public static IServiceCollection AddSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<TelegramAuthOptions>(configuration.GetSection(TelegramAuthOptions.SectionName));
        services.AddSingleton<TelegramAuthVerifier>();
        services.AddValidatedOptions<AdminAuthOptions>(configuration.GetSection(AdminAuthOptions.SectionName));
        services.AddSingleton<AdminSignInService>();
        services.AddSingleton<AdminEnrolment>();
        return services;
    }
}
