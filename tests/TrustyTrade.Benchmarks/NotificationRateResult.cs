namespace TrustyTrade.Benchmarks;

internal sealed record NotificationRateResult(
    int Delivered, int DistinctDelivered, int Throttled, int Failures, TimeSpan Elapsed, double PerSecond);
