namespace TrustyTrade.Core.Users;

/// <summary>The bot's languages: Russian first, English for everyone else.</summary>
public static class UserLanguages
{
    public const string Russian = "ru";
    public const string English = "en";

    /// <summary>Russian for Russian and neighbouring Russian-reading locales (uk, be, kk, uz, ky…), else English.</summary>
    public static string FromTelegram(string? languageCode)
    {
        var primary = (languageCode ?? "").Split('-', '_')[0].ToLowerInvariant();
        return primary switch
        {
            "ru" or "uk" or "be" or "kk" or "uz" or "ky" or "tg" or "hy" or "az" => Russian,
            "" => Russian,
            _ => English,
        };
    }

    public static bool IsSupported(string? language) => language is Russian or English;
}
