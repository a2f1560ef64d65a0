using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using TrustyTrade.Core.Access;

namespace TrustyTrade.Functions.Api;

/// <summary>One admitted request as a handler sees it: the caller, the body read once, and strict parsing helpers.</summary>
public sealed class ApiCall(HttpRequest request, ApiCaller caller, ReadOnlyMemory<byte> body, IAuditLog audit)
{
    public const int MaxLimit = 100;
    public const int DefaultLimit = 20;

    public ApiCaller Caller { get; } = caller;

    public HttpRequest Request { get; } = request;

    /// <summary>The body as <typeparamref name="T"/>; a missing, malformed or mistyped body ends the request with 400.</summary>
    public T Body<T>()
        where T : class
    {
        if (body.IsEmpty)
        {
            throw new ApiProblemException(ApiProblem.InvalidBody("a JSON body is required"));
        }

        // PostgreSQL text can't hold NUL, and no text of ours needs it.
        if (body.Span.IndexOf(@"\u0000"u8) >= 0)
        {
            throw new ApiProblemException(ApiProblem.InvalidBody("text must not contain NUL characters"));
        }

        try
        {
            return JsonSerializer.Deserialize<T>(body.Span, ApiJson.Options)
                ?? throw new ApiProblemException(ApiProblem.InvalidBody("the body must be a JSON object"));
        }
        catch (JsonException e)
        {
            // The message names the member and position, never the value.
            throw new ApiProblemException(ApiProblem.InvalidBody(Describe(e)));
        }
    }

    /// <summary>
    /// For a route that takes no body: one sent anyway is refused (400) before anything happens, since the client
    /// meant something the route would ignore.
    /// </summary>
    public void NoBody()
    {
        if (!body.IsEmpty)
        {
            throw new ApiProblemException(ApiProblem.InvalidBody("this route takes no body"));
        }
    }

    /// <summary>A page size from <c>?limit=</c>: 1 to <see cref="MaxLimit"/>, <see cref="DefaultLimit"/> when absent.</summary>
    public int Limit() => Int("limit") is { } limit
        ? limit is >= 1 and <= MaxLimit ? limit : throw new ApiProblemException(ApiProblem.BadRequest($"limit must be 1 to {MaxLimit}"))
        : DefaultLimit;

    /// <summary>The opaque cursor from <c>?cursor=</c>, as the id it stands for, or null on the first page.</summary>
    public long? Cursor() => Query("cursor") is { } cursor
        ? ApiCursor.Decode(cursor) ?? throw new ApiProblemException(ApiProblem.BadRequest("cursor is not one this API gave out"))
        : null;

    public string? Query(string name) =>
        Request.Query.TryGetValue(name, out var values) && values.Count > 0
            ? values.Count > 1 ? throw new ApiProblemException(ApiProblem.BadRequest($"{name} is given more than once"))
            : values[0]!.Any(char.IsControl) ? throw new ApiProblemException(ApiProblem.BadRequest($"{name} must not contain control characters"))
            : values[0]
            : null;

    public long? Number(string name) => Query(name) is { } text
        ? long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ApiProblemException(ApiProblem.BadRequest($"{name} must be a positive whole number"))
        : null;

    public bool? Bool(string name) => Query(name) switch
    {
        null => null,
        "true" => true,
        "false" => false,
        _ => throw new ApiProblemException(ApiProblem.BadRequest($"{name} must be true or false")),
    };

    /// <summary>An enum value from the query, by its camelCase name as the API writes it.</summary>
    public TEnum? Enum<TEnum>(string name)
        where TEnum : struct, Enum => Query(name) is { } text
        ? System.Enum.GetValues<TEnum>().Cast<TEnum?>().FirstOrDefault(v => JsonNamingPolicy.CamelCase.ConvertName(v!.Value.ToString()) == text)
            ?? throw new ApiProblemException(ApiProblem.BadRequest(
                $"{name} must be one of {string.Join(", ", System.Enum.GetNames<TEnum>().Select(JsonNamingPolicy.CamelCase.ConvertName))}"))
        : null;

    /// <summary>
    /// The version the caller last saw, from <c>If-Match</c>: an update without one is refused (428), so nobody
    /// overwrites a change they never saw.
    /// </summary>
    public string IfMatch() =>
        Request.Headers.IfMatch is [{ Length: > 0 } etag] ? etag
        : throw new ApiProblemException(ApiProblem.Of(
            428, "precondition-required", "If-Match is required", "send the ETag of the version you are changing in If-Match"));

    /// <summary>Refuses the update when the caller's If-Match is not the resource's current ETag (412).</summary>
    public void RequireVersion(string currentETag)
    {
        if (!string.Equals(IfMatch(), currentETag, StringComparison.Ordinal))
        {
            throw new ApiProblemException(ApiProblem.Of(
                412, "version-mismatch", "The resource changed", "it changed since you read it: read it again, then retry"));
        }
    }

    /// <summary>Records a write in the audit log: what, on which target, and the target before and after.</summary>
    public Task AuditAsync(string action, string targetType, string? targetId, object? before, object? after, CancellationToken cancellationToken) =>
        audit.AppendAsync(new AuditEntry(Caller, action, targetType, targetId, before, after), cancellationToken);

    private int? Int(string name) => Query(name) is { } text
        ? int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ApiProblemException(ApiProblem.BadRequest($"{name} must be a whole number"))
        : null;

    private static string Describe(JsonException e) =>
        e.Path is { Length: > 1 } path ? $"{path[2..]}: {FirstSentence(e.Message)}" : FirstSentence(e.Message);

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }
}
