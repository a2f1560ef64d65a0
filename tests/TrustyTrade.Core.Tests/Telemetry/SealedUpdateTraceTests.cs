using System.Diagnostics;
using TrustyTrade.Core.Bot;

namespace TrustyTrade.Core.Tests.Telemetry;

/// <summary>The webhook's trace context rides with the sealed update across the queue.</summary>
public sealed class SealedUpdateTraceTests
{
    [Fact]
    public void Seal_UnderASpan_CarriesItsTraceContext()
    {
        using var webhook = new Activity("webhook").SetIdFormat(ActivityIdFormat.W3C).Start();

        var message = SealedUpdate.Seal(new PurposeBoundVault(), 7, """{"update_id":7}""");

        Assert.Equal((webhook.TraceId, webhook.SpanId), (SealedUpdate.TraceContextOf(message)?.TraceId, SealedUpdate.TraceContextOf(message)?.SpanId));
    }

    [Fact]
    public void Seal_WithoutASpan_CarriesNone()
    {
        Activity.Current = null;

        var message = SealedUpdate.Seal(new PurposeBoundVault(), 7, """{"update_id":7}""");

        Assert.Null(SealedUpdate.TraceContextOf(message));
    }

    [Theory]
    [InlineData("""{"update_id":7,"key_id":"k","sealed":"AA","traceparent":"not-a-traceparent"}""")]
    [InlineData("not json")]
    public void TraceContextOf_AnInvalidMessage_IsNone(string message) => Assert.Null(SealedUpdate.TraceContextOf(message));

    [Fact]
    public void SealedWithTraceContext_StillOpens()
    {
        using var webhook = new Activity("webhook").SetIdFormat(ActivityIdFormat.W3C).Start();
        var vault = new PurposeBoundVault();

        var message = SealedUpdate.Seal(vault, 7, """{"update_id":7}""");

        Assert.Equal("""{"update_id":7}""", SealedUpdate.TryOpen(vault, message));
    }
}
