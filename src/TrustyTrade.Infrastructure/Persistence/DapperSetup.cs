using Dapper;

namespace TrustyTrade.Infrastructure.Persistence;

/// <summary>Dapper's process-wide settings: snake_case columns map to PascalCase members and constructor parameters.</summary>
internal static class DapperSetup
{
    private static int _done;

    public static void Ensure()
    {
        if (Interlocked.Exchange(ref _done, 1) == 0)
        {
            DefaultTypeMap.MatchNamesWithUnderscores = true;
        }
    }
}
