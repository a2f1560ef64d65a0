using Microsoft.Extensions.Logging;

namespace TrustyTrade.IntegrationTests.Infrastructure;

public sealed record CapturedLogLine(string Category, LogLevel Level, string Message, Exception? Exception);
