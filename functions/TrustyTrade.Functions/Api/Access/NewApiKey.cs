namespace TrustyTrade.Functions.Api.Access;

public sealed record NewApiKey(string Name, IReadOnlyList<string> Scopes);
