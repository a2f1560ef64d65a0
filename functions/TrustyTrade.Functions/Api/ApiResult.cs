using System.Text.Json;

namespace TrustyTrade.Functions.Api;

/// <summary>An answer before it is written: a status, an optional JSON body, and the headers the API sets.</summary>
public sealed record ApiResult(int Status, string? Json, string? Location = null, string? ETag = null)
{
    public static ApiResult Ok(object value) => new(200, Serialize(value));

    public static ApiResult Ok(object value, string etag) => new(200, Serialize(value), ETag: etag);

    public static ApiResult Created(object value, string location) => new(201, Serialize(value), location);

    public static ApiResult NoContent { get; } = new(204, null);

    public static ApiResult Problem(ApiProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new(problem.Status, Serialize(problem));
    }

    public bool IsProblem => Status >= 400;

    private static string Serialize(object value) => JsonSerializer.Serialize(value, value.GetType(), ApiJson.Options);
}
