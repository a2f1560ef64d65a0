using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TrustyTrade.Core.Health;

namespace TrustyTrade.Core.Tests.Health;

public sealed class HealthCheckServiceTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task CheckAsync_AllProbesAnswer_ReportIsHealthy()
    {
        var service = CreateService(new StubProbe("postgres"), new StubProbe("redis"));

        var report = await service.CheckAsync(CancellationToken.None);

        Assert.True(report.IsHealthy);
        Assert.Equal(["postgres", "redis"], report.Dependencies.Select(d => d.Name));
    }

    [Fact]
    public async Task CheckAsync_ProbeThrows_NamesThatDependencyDown()
    {
        var service = CreateService(new StubProbe("postgres"), new StubProbe("redis", fails: true));

        var report = await service.CheckAsync(CancellationToken.None);

        Assert.False(report.IsHealthy);
        Assert.Equal(["redis"], report.Down);
        Assert.Equal("unavailable (InvalidOperationException)", report.Dependencies.Single(d => d.Name == "redis").Error);
    }

    [Fact]
    public async Task CheckAsync_ProbeNeverAnswers_TimesOutAndCancelsTheProbe()
    {
        var hanging = new StubProbe("storage", hangs: true);
        var service = CreateService(new StubProbe("postgres"), hanging);

        var checking = service.CheckAsync(CancellationToken.None);
        Assert.False(checking.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(500));
        var report = await checking;

        Assert.Equal(["storage"], report.Down);
        Assert.Equal("no answer within 500 ms", report.Dependencies.Single(d => d.Name == "storage").Error);
        Assert.True(hanging.WasCancelled);
    }

    [Fact]
    public async Task CheckAsync_CallerCancels_Throws()
    {
        var service = CreateService(new StubProbe("storage", hangs: true));
        using var cancellation = new CancellationTokenSource();

        var checking = service.CheckAsync(cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => checking);
    }

    private HealthCheckService CreateService(params IDependencyProbe[] probes) => new(
        probes,
        Options.Create(new HealthOptions { ProbeTimeoutMilliseconds = 500 }),
        _time,
        NullLogger<HealthCheckService>.Instance);

    private sealed class StubProbe(string name, bool fails = false, bool hangs = false) : IDependencyProbe
    {
        public string Name => name;

        public bool WasCancelled { get; private set; }

        public async Task CheckAsync(CancellationToken cancellationToken)
        {
            if (fails)
            {
                throw new InvalidOperationException("connection refused");
            }

            if (hangs)
            {
                var never = new TaskCompletionSource();
                await using var registration = cancellationToken.Register(() =>
                {
                    WasCancelled = true;
                    never.TrySetCanceled(cancellationToken);
                });
                await never.Task;
            }
        }
    }
}
