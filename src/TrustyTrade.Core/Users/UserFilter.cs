namespace TrustyTrade.Core.Users;

/// <summary>Which users an admin lists: by role, by ban, by the start of the username (case-insensitive).</summary>
public sealed record UserFilter(UserRole? Role = null, bool? Banned = null, string? UsernamePrefix = null);
