using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustyTrade.Core.Access;
using TrustyTrade.Core.Users;

namespace TrustyTrade.Functions.Api;

/// <summary>
/// What every API route does around its one call into Core: rate limits (per IP, then per user or key), who is
/// calling (a bearer token or an API key), whether they may, the body read once within its size limit, an
/// Idempotency-Key's stored answer, and any failure as problem+json — never a stack trace, never a 5xx for bad input.
/// </summary>
public sealed partial class ApiEndpoint(
    IAccessTokens tokens,
    ApiKeyService keys,
    UserService users,
    IApiRateLimiter rateLimiter,
    IApiIdempotencyStore idempotency,
    IAuditLog audit,
    IOptions<ApiOptions> options,
    ILogger<ApiEndpoint> logger)
{
    public const string ApiKeyHeader = "X-Api-Key";
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    private const int MaxIdempotencyKeyLength = 200;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Answers about the request rather than its outcome (malformed, stale If-Match, too many): not kept for the key,
    /// so the client may fix the request and send it again under the same key.
    /// </summary>
    private static readonly HashSet<int> RequestProblems = [400, 401, 403, 408, 412, 413, 415, 428, 429];

    private readonly ApiOptions _options = options.Value;

    public async Task<IActionResult> RunAsync(
        HttpRequest request, ApiAccess access, Func<ApiCall, Task<ApiResult>> handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(handler);
        try
        {
            return Write(request, await AdmitAndRunAsync(request, access, handler, cancellationToken).ConfigureAwait(false));
        }
        catch (ApiProblemException e)
        {
            return Write(request, ApiResult.Problem(e.Problem));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(e, request.Method, request.Path.Value);
            return Write(request, ApiResult.Problem(ApiProblem.Of(500, "internal", "Something went wrong on our side", "try again later")));
        }
    }

    /// <summary>The client's address: the last X-Forwarded-For entry (added by Azure's front end; earlier ones are the client's word), else the socket's.</summary>
    public static string? ClientIp(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var forwarded = request.Headers["X-Forwarded-For"].ToString();
        var last = forwarded.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        if (last is not null)
        {
            // Azure appends the port (1.2.3.4:5678, [::1]:5678).
            if (IPEndPoint.TryParse(last, out var endpoint))
            {
                return endpoint.Address.ToString();
            }

            return IPAddress.TryParse(last, out var address) ? address.ToString() : null;
        }

        return request.HttpContext.Connection.RemoteIpAddress?.ToString();
    }

    private async Task<ApiResult> AdmitAndRunAsync(
        HttpRequest request, ApiAccess access, Func<ApiCall, Task<ApiResult>> handler, CancellationToken cancellationToken)
    {
        var ip = ClientIp(request);
        await LimitAsync(request, $"ip:{ip ?? "unknown"}", _options.RequestsPerMinutePerIp, cancellationToken).ConfigureAwait(false);

        var caller = access.Authenticates ? await AuthenticateAsync(request, ip, cancellationToken).ConfigureAwait(false) : ApiCaller.Anonymous(ip);
        if (!access.Admits(caller))
        {
            return ApiResult.Problem(caller.Kind == CallerKind.Anonymous
                ? ApiProblem.Of(401, "unauthorized", "Sign-in required", "send a bearer token or an API key")
                : ApiProblem.Forbidden(caller.Kind != CallerKind.ApiKey ? "this route is not for you"
                    : access.Scope is null ? "integration keys can't use this route"
                    : $"this key lacks the scope '{access.Scope}'"));
        }

        if (caller.Kind != CallerKind.Anonymous)
        {
            var perCaller = caller.Kind == CallerKind.ApiKey ? _options.RequestsPerMinutePerKey : _options.RequestsPerMinutePerUser;
            await LimitAsync(request, caller.Id, perCaller, cancellationToken).ConfigureAwait(false);
        }

        var body = await ReadBodyAsync(request, _options.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        var call = new ApiCall(request, caller, body, audit);
        return access.MovesMoney
            ? await RunOnceAsync(request, call, body, handler, cancellationToken).ConfigureAwait(false)
            : await handler(call).ConfigureAwait(false);
    }

    private async Task<ApiCaller> AuthenticateAsync(HttpRequest request, string? ip, CancellationToken cancellationToken)
    {
        var authorization = request.Headers.Authorization;
        var apiKey = request.Headers[ApiKeyHeader];
        if (authorization.Count > 0 && apiKey.Count > 0)
        {
            throw Unauthorized("send either a bearer token or an API key, not both");
        }

        if (apiKey.Count > 0)
        {
            var key = apiKey.Count == 1 ? await keys.AuthenticateAsync(apiKey[0]!, cancellationToken).ConfigureAwait(false) : null;
            return key is null
                ? throw Unauthorized("the API key is not valid")
                : ApiCaller.Key(key.Id, key.Scopes.ToHashSet(StringComparer.Ordinal), ip);
        }

        if (authorization.Count == 0)
        {
            return ApiCaller.Anonymous(ip);
        }

        var value = authorization.Count == 1 ? authorization[0] : null;
        if (value is null || !value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            throw Unauthorized("use Authorization: Bearer <token>");
        }

        var claims = await tokens.ValidateAsync(value["Bearer ".Length..].Trim()).ConfigureAwait(false)
            ?? throw Unauthorized("the token is not valid or has expired");

        // The token is minutes old at most, but a ban or a demotion counts from the next request.
        var user = await users.FindAsync(claims.UserId, cancellationToken).ConfigureAwait(false);
        if (user is null || user.IsBanned || (claims.Role == UserRole.Admin && user.Role != UserRole.Admin))
        {
            throw Unauthorized("this account may not use the API");
        }

        return claims.Role == UserRole.Admin ? ApiCaller.Admin(user.Id, ip) : ApiCaller.User(user.Id, ip);
    }

    private async Task LimitAsync(HttpRequest request, string bucket, int limit, CancellationToken cancellationToken)
    {
        if (await rateLimiter.HitAsync(bucket, limit, Window, cancellationToken).ConfigureAwait(false) is { } retryAfter)
        {
            request.HttpContext.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            throw new ApiProblemException(ApiProblem.Of(
                429, "rate-limited", "Too many requests", $"retry after {Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture)} s"));
        }
    }

    /// <summary>
    /// A request that moves money runs once per Idempotency-Key: a retry gets the first answer, the same key with
    /// another request is refused (422), and one still running is answered 409. A failure on our side, or an answer
    /// about the request itself (<see cref="RequestProblems"/>), frees the key.
    /// </summary>
    private async Task<ApiResult> RunOnceAsync(
        HttpRequest request, ApiCall call, ReadOnlyMemory<byte> body, Func<ApiCall, Task<ApiResult>> handler, CancellationToken cancellationToken)
    {
        var key = request.Headers[IdempotencyKeyHeader];
        if (key is not [{ Length: > 0 and <= MaxIdempotencyKeyLength } value] || !value.All(c => c is >= '!' and <= '~'))
        {
            return ApiResult.Problem(ApiProblem.Of(
                400, "idempotency-key-required", "Idempotency-Key is required",
                $"send a unique key of 1 to {MaxIdempotencyKeyLength} printable characters in Idempotency-Key, the same one when you retry"));
        }

        var hash = RequestHash(request, body.Span);
        var start = await idempotency.BeginAsync(call.Caller.Id, value, hash, TimeSpan.FromHours(_options.IdempotencyHours), cancellationToken)
            .ConfigureAwait(false);
        switch (start.State)
        {
            case IdempotentState.Completed:
                request.HttpContext.Response.Headers[ReplayedHeader] = "true";
                return new ApiResult(start.Status!.Value, start.Body is { Length: > 0 } stored ? stored : null);
            case IdempotentState.InProgress:
                return ApiResult.Problem(ApiProblem.Conflict("idempotency-in-progress", "a request with this Idempotency-Key is still running"));
            case IdempotentState.Mismatch:
                return ApiResult.Problem(ApiProblem.Of(
                    422, "idempotency-key-reused", "Idempotency-Key reused", "this key was used for a different request"));
        }

        ApiResult result;
        try
        {
            result = await handler(call).ConfigureAwait(false);
        }
        catch (ApiProblemException e)
        {
            result = ApiResult.Problem(e.Problem);
        }
        catch
        {
            await idempotency.AbandonAsync(call.Caller.Id, value, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        if (RequestProblems.Contains(result.Status))
        {
            await idempotency.AbandonAsync(call.Caller.Id, value, CancellationToken.None).ConfigureAwait(false);
        }
        else
        {
            await idempotency.CompleteAsync(call.Caller.Id, value, result.Status, result.Json ?? string.Empty, CancellationToken.None)
                .ConfigureAwait(false);
        }

        return result;
    }

    private static byte[] RequestHash(HttpRequest request, ReadOnlySpan<byte> body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        hash.AppendData(body);
        return hash.GetHashAndReset();
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsDelete(request.Method) || HttpMethods.IsHead(request.Method))
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        if (request.ContentLength > maxBytes)
        {
            throw new ApiProblemException(TooLarge(maxBytes));
        }

        if (request.ContentLength is null or > 0
            && request.ContentType is { } type
            && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiProblemException(ApiProblem.Of(415, "unsupported-media-type", "Send JSON", "the body must be application/json"));
        }

        var buffer = new byte[Math.Min(request.ContentLength ?? maxBytes + 1L, maxBytes + 1L)];
        var read = 0;
        int chunk;
        while (read < buffer.Length && (chunk = await request.Body.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false)) > 0)
        {
            read += chunk;
        }

        return read > maxBytes ? throw new ApiProblemException(TooLarge(maxBytes)) : buffer.AsMemory(0, read);
    }

    private static ApiProblem TooLarge(int maxBytes) =>
        ApiProblem.Of(413, "body-too-large", "The body is too large", $"at most {maxBytes.ToString(CultureInfo.InvariantCulture)} bytes");

    private static ApiProblemException Unauthorized(string detail) =>
        new(ApiProblem.Of(401, "unauthorized", "Not signed in", detail));

    private static ContentResult Write(HttpRequest request, ApiResult result)
    {
        var headers = request.HttpContext.Response.Headers;
        headers.CacheControl = "no-store";
        if (result.Location is not null)
        {
            headers.Location = result.Location;
        }

        if (result.ETag is not null)
        {
            headers.ETag = result.ETag;
        }

        if (result.Status == 401)
        {
            headers.WWWAuthenticate = "Bearer";
        }

        return new ContentResult
        {
            StatusCode = result.Status,
            ContentType = result.Json is null ? null
                : result.IsProblem ? "application/problem+json; charset=utf-8" : "application/json; charset=utf-8",
            Content = result.Json,
        };
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "API request {Method} {Path} failed")]
    private partial void LogFailed(Exception exception, string method, string? path);
}
