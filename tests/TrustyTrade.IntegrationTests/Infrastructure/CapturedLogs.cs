using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TrustyTrade.IntegrationTests.Infrastructure;

/// <summary>
/// A logger provider that keeps every line with the structured fields of the scopes open around it, so tests can
/// read what an operator (or an exporter) would read.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLogLine> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<CapturedLogLine> Lines => _lines;

    /// <summary>Lines below this level are not kept (a long run keeps only what it reads).</summary>
    public LogLevel MinimumLevel { get; init; } = LogLevel.Trace;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => logs._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= logs.MinimumLevel;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
            logs._scopes.ForEachScope(
                static (scope, fields) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        foreach (var (key, value) in pairs)
                        {
                            fields[key] = value?.ToString();
                        }
                    }
                },
                fields);
            if (state is IEnumerable<KeyValuePair<string, object?>> own)
            {
                foreach (var (key, value) in own)
                {
                    fields[key] = value?.ToString();
                }
            }

            logs._lines.Enqueue(new CapturedLogLine(category, logLevel, formatter(state, exception), exception, fields));
        }
    }
}
