using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TrustyTrade.IntegrationTests.Infrastructure;

/// <summary>A logger provider that keeps every line, so tests can read what an operator would read.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLogLine> _lines = new();

    public IReadOnlyCollection<CapturedLogLine> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs._lines.Enqueue(new CapturedLogLine(category, logLevel, formatter(state, exception), exception));
    }
}
