using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary>What a function answered: status, body and the headers it set.</summary>
public sealed record ApiResponse(int Status, string? Body, string? ContentType, IHeaderDictionary Headers)
{
    public JsonElement Json => JsonDocument.Parse(Body ?? throw new InvalidOperationException($"no body (status {Status})")).RootElement.Clone();

    /// <summary>The problem type's slug (after <c>urn:trustytrade:problem:</c>), or null when the answer is not a problem.</summary>
    public string? ProblemType =>
        ContentType?.StartsWith("application/problem+json", StringComparison.Ordinal) == true
            ? Json.GetProperty("type").GetString()!["urn:trustytrade:problem:".Length..]
            : null;

    public override string ToString() => $"{Status} {ContentType} {Body}";
}
