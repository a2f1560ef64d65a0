using System.ComponentModel.DataAnnotations;

namespace TrustyTrade.Core.Access.Admins;

/// <summary>Admin web-panel sign-in: password hashing cost and the lockout against guessing.</summary>
public sealed class AdminAuthOptions
{
    public const string SectionName = "AdminAuth";

    /// <summary>bcrypt's cost (2^n rounds); each step up doubles the time to check one password.</summary>
    [Range(10, 16)]
    public int PasswordWorkFactor { get; set; } = 12;

    [Range(1, 100)]
    public int MaxFailuresPerLogin { get; set; } = 5;

    /// <summary>Higher than per login: one office or proxy may hold several admins.</summary>
    [Range(1, 10_000)]
    public int MaxFailuresPerIp { get; set; } = 20;

    /// <summary>The window failures are counted in, and how long a login or address stays locked once it has too many.</summary>
    [Range(1, 1_440)]
    public int LockoutMinutes { get; set; } = 15;

    [Required]
    public string RedisKeyPrefix { get; set; } = "tt:admin-auth:";
}
