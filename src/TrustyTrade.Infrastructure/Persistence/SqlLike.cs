namespace TrustyTrade.Infrastructure.Persistence;

/// <summary>Text a user typed, made literal inside a LIKE pattern (PostgreSQL's default escape character, backslash).</summary>
internal static class SqlLike
{
    public static string Escape(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
