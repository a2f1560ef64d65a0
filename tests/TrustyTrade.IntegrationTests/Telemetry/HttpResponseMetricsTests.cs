using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using TrustyTrade.Core.Telemetry;
using TrustyTrade.Functions.Telemetry;

namespace TrustyTrade.IntegrationTests.Telemetry;

/// <summary>The worker middleware counts a response by the status it was sent with, once it was sent.</summary>
public sealed class HttpResponseMetricsTests : IDisposable
{
    private readonly BusinessMetrics _metrics = new();
    private readonly MeterListener _listener = new();
    private readonly List<string?> _counted = [];

    public HttpResponseMetricsTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, _metrics.Meter) && instrument.Name == MetricNames.HttpResponses)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) => _counted.Add(tags[0].Value as string));
        _listener.Start();
    }

    public void Dispose()
    {
        _listener.Dispose();
        _metrics.Dispose();
    }

    [Fact]
    public async Task Response_IsCountedWithTheStatusItWasSentWith()
    {
        var (context, sent) = Context();
        HttpResponseMetrics.Observe(context.Response, _metrics);

        context.Response.StatusCode = 503; // set after the middleware ran, as an action result does
        await sent.CompleteAsync();

        Assert.Equal(["5xx"], _counted);
    }

    [Fact]
    public void Response_NotYetSent_IsNotCounted()
    {
        var (context, _) = Context();

        HttpResponseMetrics.Observe(context.Response, _metrics);

        Assert.Empty(_counted);
    }

    private static (DefaultHttpContext Context, CompletingResponse Sent) Context()
    {
        var sent = new CompletingResponse();
        var context = new DefaultHttpContext();
        context.Features.Set<IHttpResponseFeature>(sent);
        return (context, sent);
    }

    /// <summary>A response feature that runs its OnCompleted callbacks when told the response went out, as Kestrel does.</summary>
    private sealed class CompletingResponse : HttpResponseFeature
    {
        private readonly List<(Func<object, Task> Callback, object State)> _completed = [];

        public override void OnCompleted(Func<object, Task> callback, object state) => _completed.Add((callback, state));

        public async Task CompleteAsync()
        {
            foreach (var (callback, state) in _completed)
            {
                await callback(state);
            }
        }
    }
}
