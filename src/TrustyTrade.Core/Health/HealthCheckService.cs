using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TrustyTrade.Core.Health;

/// <summary>Runs every dependency probe at once, each bounded by a timeout, so a dead dependency can't hang the caller.</summary>
public sealed partial class HealthCheckService(
    IEnumerable<IDependencyProbe> probes,
    IOptions<HealthOptions> options,
    TimeProvider timeProvider,
    ILogger<HealthCheckService> logger)
{
    private readonly IDependencyProbe[] _probes = [.. probes];
    private readonly TimeSpan _timeout = TimeSpan.FromMilliseconds(options.Value.ProbeTimeoutMilliseconds);

    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(_probes.Select(p => RunAsync(p, cancellationToken))).ConfigureAwait(false);
        return new HealthReport(results);
    }

    [SuppressMessage("Design", "CA1031:Do not catch general exception types",
        Justification = "A probe's failure of any kind is the answer we report, not an error of ours.")]
    private async Task<DependencyHealth> RunAsync(IDependencyProbe probe, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        using var probeCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await probe.CheckAsync(probeCancellation.Token).WaitAsync(_timeout, timeProvider, cancellationToken).ConfigureAwait(false);
            return new DependencyHealth(probe.Name, true, timeProvider.GetElapsedTime(started), null);
        }
        catch (TimeoutException)
        {
            await probeCancellation.CancelAsync().ConfigureAwait(false);
            LogProbeTimedOut(probe.Name, _timeout.TotalMilliseconds);
            return new DependencyHealth(probe.Name, false, timeProvider.GetElapsedTime(started),
                $"no answer within {_timeout.TotalMilliseconds:0} ms");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogProbeFailed(ex, probe.Name);
            return new DependencyHealth(probe.Name, false, timeProvider.GetElapsedTime(started),
                $"unavailable ({ex.GetType().Name})");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health probe {Probe} timed out after {TimeoutMs} ms")]
    private partial void LogProbeTimedOut(string probe, double timeoutMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health probe {Probe} failed")]
    private partial void LogProbeFailed(Exception exception, string probe);
}
