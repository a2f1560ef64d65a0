namespace TrustyTrade.Benchmarks;

/// <summary>
/// One timed webhook run: latency from each update's due time, how long the warm-up took, what the JIT still compiled
/// while timed (near zero in steady state) and the benchmark process's CPU per update (load generator included). The
/// latency's parts: how late each update's handling started after its due time, the dedupe and the queueing.
/// </summary>
internal sealed record WebhookRun(
    Percentiles Latency, Percentiles Starting, Percentiles Admitting, Percentiles Queueing, int Updates, int Late, TimeSpan WarmUp, long JitMethodsWhileTimed, double CpuMicrosecondsPerUpdate);
