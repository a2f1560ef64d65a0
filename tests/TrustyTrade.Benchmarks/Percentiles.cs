namespace TrustyTrade.Benchmarks;

internal sealed record Percentiles(double P50, double P95, double P99)
{
    public static Percentiles Of(List<double> samples)
    {
        var sorted = samples.Order().ToArray();
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return new Percentiles(At(0.50), At(0.95), At(0.99));
    }
}
