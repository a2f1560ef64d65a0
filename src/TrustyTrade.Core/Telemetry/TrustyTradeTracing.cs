using System.Diagnostics;

namespace TrustyTrade.Core.Telemetry;

/// <summary>
/// The app's own spans. A Telegram update waits on a queue between the webhook and its processing; the webhook's
/// trace context rides along in the sealed envelope, and the processing span links to it, so one trace reads from
/// the webhook to the deal's workflow.
/// </summary>
public static class TrustyTradeTracing
{
    public const string SourceName = "TrustyTrade";

    public static readonly ActivitySource Source = new(SourceName);
}
