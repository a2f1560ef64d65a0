using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TrustyTrade.Core.Access;

namespace TrustyTrade.Functions.Api.Access;

/// <summary><c>/api/auth/…</c>: exchange a refresh token for new tokens, or end the sign-in.</summary>
public sealed class SessionsApi(ApiEndpoint api, SessionService sessions)
{
    [Function(nameof(RefreshSession))]
    public Task<IActionResult> RefreshSession(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/refresh")] HttpRequest request, CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.Open, async call =>
            Answer(await sessions.RefreshAsync(call.Body<RefreshRequest>().RefreshToken, cancellationToken).ConfigureAwait(false)), cancellationToken);

    [Function(nameof(SignOut))]
    public Task<IActionResult> SignOut(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/signout")] HttpRequest request, CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.Open, async call =>
            await sessions.SignOutAsync(call.Body<RefreshRequest>().RefreshToken, cancellationToken).ConfigureAwait(false)
                ? ApiResult.NoContent
                : ApiResult.Problem(ApiProblem.Of(401, "invalid-token", "Not a valid refresh token", "sign in again")), cancellationToken);

    /// <summary>Tokens, or 401/403 with a stable problem type.</summary>
    public static ApiResult Answer(SessionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result switch
        {
            { Tokens: { } tokens } => ApiResult.Ok(tokens),
            { Refusal: SessionRefusal.UserBanned } => ApiResult.Problem(ApiProblem.Of(403, "user-banned", "This account is banned")),
            { Refusal: SessionRefusal.NotAdmin } => ApiResult.Problem(ApiProblem.Of(403, "not-admin", "This account is not an admin")),
            _ => ApiResult.Problem(ApiProblem.Of(401, "invalid-token", "Not a valid refresh token", "sign in again")),
        };
    }
}
