using Microsoft.Extensions.Logging;

namespace TrustyTrade.IntegrationTests.Infrastructure;

/// <summary>One captured log line; <c>Fields</c> are its structured fields, its own and those of the scopes around it.</summary>
public sealed record CapturedLogLine(string Category, LogLevel Level, string Message, Exception? Exception, IReadOnlyDictionary<string, string?> Fields)
{
    /// <summary>Everything the line would show anyone: message, fields, and the exception with its inner ones.</summary>
    public string Everything => string.Join('\n', [Message, .. Fields.Select(f => $"{f.Key}={f.Value}"), Exception?.ToString() ?? ""]);
}
