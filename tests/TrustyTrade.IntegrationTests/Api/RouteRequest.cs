namespace TrustyTrade.IntegrationTests.Api;

/// <summary>One request a route case builds: path (with query), body, extra headers.</summary>
public sealed record RouteRequest(string Path, object? Body = null, IReadOnlyDictionary<string, string>? Headers = null);
