using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TrustyTrade.Core.Telemetry;
using TrustyTrade.Infrastructure.Caching;

namespace TrustyTrade.Infrastructure.Telemetry;

/// <summary>
/// Adds this instance's counters and histograms (<see cref="BusinessMetrics"/>) to one Redis hash that every instance
/// shares, so a scrape of any instance sees the totals of all of them: a Flex Consumption app has as many instances as
/// it needs, each with its own memory. Fields are Prometheus series (<c>name{label="value"}</c>), values their totals.
/// </summary>
/// <remarks>
/// Totals are kept in process and never reset; a flush sends what grew since the last flush that Redis took, so
/// measurements racing a flush are sent by the next one, and a Redis that is away loses nothing of ours until it
/// returns. An instance that dies loses at most its last <see cref="MetricsOptions.FlushSeconds"/> of counts (Redis
/// holds what may be lost).
/// </remarks>
public sealed partial class RedisMetricMirror : IHostedService, IDisposable
{
    private readonly ConcurrentDictionary<string, double> _totals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _flushed = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private readonly MeterListener _listener = new();
    private readonly RedisConnection _redis;
    private readonly MetricsOptions _options;
    private readonly ILogger<RedisMetricMirror> _logger;
    private CancellationTokenSource? _stopping;
    private Task? _loop;

    public RedisMetricMirror(BusinessMetrics metrics, RedisConnection redis, IOptions<MetricsOptions> options, ILogger<RedisMetricMirror> logger)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(options);
        _redis = redis;
        _options = options.Value;
        _logger = logger;
        // Only this container's meter: another app in the same process (tests) has one of the same name.
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, metrics.Meter) && PrometheusFamilies.IsMirrored(instrument.Name))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The Redis hash every instance adds to.</summary>
    public string HashKey => _options.RedisKeyPrefix + "totals";

    /// <summary>Sends to Redis what this instance counted since its last flush.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _flushing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var deltas = new List<(string Field, double Total, double Delta)>();
            foreach (var (field, total) in _totals)
            {
                var delta = total - _flushed.GetValueOrDefault(field);
                if (delta != 0)
                {
                    deltas.Add((field, total, delta));
                }
            }

            if (deltas.Count == 0)
            {
                return;
            }

            var database = await _redis.GetDatabaseAsync().ConfigureAwait(false);
            var batch = database.CreateBatch();
            var sent = deltas.Select(d => batch.HashIncrementAsync(HashKey, d.Field, d.Delta)).ToArray();
            batch.Execute();
            await Task.WhenAll(sent).ConfigureAwait(false);
            foreach (var (field, total, _) in deltas)
            {
                _flushed[field] = total;
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    /// <summary>The totals of all instances, by series.</summary>
    public async Task<IReadOnlyDictionary<string, double>> ReadTotalsAsync()
    {
        var database = await _redis.GetDatabaseAsync().ConfigureAwait(false);
        var entries = await database.HashGetAllAsync(HashKey).ConfigureAwait(false);
        return entries.ToDictionary(e => e.Name.ToString(), e => (double)e.Value, StringComparer.Ordinal);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _stopping = new CancellationTokenSource();
        _loop = FlushPeriodicallyAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is null || _loop is null)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        await TryFlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _stopping?.Dispose();
        _flushing.Dispose();
    }

    private async Task FlushPeriodicallyAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.FlushSeconds));
        try
        {
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                await TryFlushAsync(stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task TryFlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogFlushFailed(e);
        }
    }

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var family = PrometheusFamilies.Of(instrument.Name);
        var labels = Labels(tags);
        if (family.Type != PrometheusType.Histogram)
        {
            _totals.AddOrUpdate(family.Name + labels.Build(null), value, (_, total) => total + value);
            return;
        }

        foreach (var bound in BusinessMetrics.ConfirmationBuckets)
        {
            if (value <= bound)
            {
                Increment(family.Name + "_bucket" + labels.Build(bound.ToString(CultureInfo.InvariantCulture)));
            }
        }

        Increment(family.Name + "_bucket" + labels.Build("+Inf"));
        Increment(family.Name + "_count" + labels.Build(null));
        _totals.AddOrUpdate(family.Name + "_sum" + labels.Build(null), value, (_, total) => total + value);
    }

    private void Increment(string field) => _totals.AddOrUpdate(field, 1, (_, total) => total + 1);

    private static LabelSet Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var pairs = new List<(string Name, string Value)>(tags.Length);
        foreach (var tag in tags)
        {
            pairs.Add((tag.Key, Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? ""));
        }

        pairs.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new LabelSet(pairs);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Adding this instance's metric totals to Redis failed; the next flush sends them")]
    private partial void LogFlushFailed(Exception exception);

    private readonly record struct LabelSet(List<(string Name, string Value)> Pairs)
    {
        /// <summary><c>{a="x",le="5"}</c>, or nothing without labels; <paramref name="le"/> is a histogram bucket's bound.</summary>
        public string Build(string? le)
        {
            if (Pairs.Count == 0 && le is null)
            {
                return "";
            }

            var text = new StringBuilder("{");
            foreach (var (name, value) in Pairs)
            {
                PrometheusText.AppendLabel(text, name, value);
            }

            if (le is not null)
            {
                PrometheusText.AppendLabel(text, "le", le);
            }

            text[^1] = '}';
            return text.ToString();
        }
    }
}
