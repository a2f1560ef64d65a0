namespace TrustyTrade.Benchmarks;

/// <summary>
/// One timed webhook run: latency from each update's due time, how long the warm-up took, what the JIT still compiled
/// while timed (near zero in steady state) and the benchmark process's CPU per update (load generator included).
/// </summary>
internal sealed record WebhookRun(
    Percentiles Latency, int Updates, int Late, TimeSpan WarmUp, long JitMethodsWhileTimed, double CpuMicrosecondsPerUpdate);
