using System.Text.Json.Serialization;

namespace TrustyTrade.Functions.Api;

/// <summary>
/// An RFC 9457 problem: <see cref="Type"/> is stable (<c>urn:trustytrade:problem:{slug}</c>) so clients branch on it;
/// <see cref="Detail"/> is for people.
/// </summary>
public sealed record ApiProblem(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("detail")] string? Detail)
{
    public const string TypePrefix = "urn:trustytrade:problem:";

    public static ApiProblem Of(int status, string slug, string title, string? detail = null) => new(TypePrefix + slug, title, status, detail);

    public static ApiProblem BadRequest(string detail) => Of(400, "invalid-request", "The request is not valid", detail);

    public static ApiProblem InvalidBody(string detail) => Of(400, "invalid-body", "The request body is not valid", detail);

    public static ApiProblem NotFound(string what) => Of(404, "not-found", "Not found", $"{what} was not found");

    public static ApiProblem Forbidden(string? detail = null) => Of(403, "forbidden", "Not allowed", detail);

    public static ApiProblem Conflict(string slug, string detail) => Of(409, slug, "The request conflicts with the current state", detail);
}
