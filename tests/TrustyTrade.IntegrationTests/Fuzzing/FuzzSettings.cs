using System.Globalization;

namespace TrustyTrade.IntegrationTests.Fuzzing;

/// <summary>
/// The size and seed of a hostile-input run: <c>TT_FUZZ_CASES</c> cases in all (reduced by default so the suite stays
/// fast; 100000 is the full size) from the master seed <c>TT_FUZZ_SEED</c> (random when unset, printed on failure so
/// a run can be replayed).
/// </summary>
internal static class FuzzSettings
{
    public const int DefaultCases = 3_000;

    public static int Cases { get; } = int.TryParse(Environment.GetEnvironmentVariable("TT_FUZZ_CASES"), NumberStyles.None, CultureInfo.InvariantCulture, out var cases) && cases > 0
        ? cases
        : DefaultCases;

    public static int Seed { get; } = int.TryParse(Environment.GetEnvironmentVariable("TT_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
        ? seed
        : Random.Shared.Next();

    /// <summary>The seed of case <paramref name="index"/> of a suite: the same master seed and index give the same case.</summary>
    public static int CaseSeed(string suite, int index) =>
        unchecked((Seed * 1_000_003) + (index * 7_919) + StableHash(suite));

    /// <summary>A text's hash that is the same in every process (string.GetHashCode is randomized per process).</summary>
    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }
}
