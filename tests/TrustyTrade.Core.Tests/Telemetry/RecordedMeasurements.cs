using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using TrustyTrade.Core.Telemetry;

namespace TrustyTrade.Core.Tests.Telemetry;

/// <summary>What one <see cref="BusinessMetrics"/>'s instruments recorded (and nobody else's in the process).</summary>
internal sealed class RecordedMeasurements : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags)> _all = new();

    public RecordedMeasurements(BusinessMetrics metrics)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, metrics.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
        _listener.Start();
    }

    public IReadOnlyList<(double Value, IReadOnlyDictionary<string, string?> Tags)> Of(string instrument) =>
        [.. _all.Where(m => m.Instrument == instrument).Select(m => (m.Value, m.Tags))];

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value?.ToString();
        }

        _all.Enqueue((instrument.Name, value, copy));
    }
}
