using System.Text.RegularExpressions;

namespace TrustyTrade.Core.Access.Admins;

/// <summary>What a login may be (3–64 letters, digits, '.', '_', '-'), and its one spelling for counting failures.</summary>
internal static partial class AdminLogin
{
    public static bool IsValid(string? login) => login is not null && Pattern().IsMatch(login);

    public static string Normalize(string login) => login.Trim().ToLowerInvariant();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$")]
    private static partial Regex Pattern();
}
