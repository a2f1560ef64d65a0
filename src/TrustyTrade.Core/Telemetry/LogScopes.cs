using Microsoft.Extensions.Logging;

namespace TrustyTrade.Core.Telemetry;

/// <summary>
/// The scopes that tie log lines to what they are about: every line written while one is open (by any logger of the
/// app) carries <c>DealId</c> or <c>UpdateId</c> as a structured field, which the exporters send as attributes.
/// </summary>
public static class LogScopes
{
    private static readonly Func<ILogger, long, IDisposable?> DealScope = LoggerMessage.DefineScope<long>("Deal {DealId}");
    private static readonly Func<ILogger, long, IDisposable?> UpdateScope = LoggerMessage.DefineScope<long>("Telegram update {UpdateId}");

    public static IDisposable? Deal(ILogger logger, long dealId) => DealScope(logger, dealId);

    public static IDisposable? Update(ILogger logger, long updateId) => UpdateScope(logger, updateId);
}
