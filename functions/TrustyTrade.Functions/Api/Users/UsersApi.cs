using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TrustyTrade.Core.Access;
using TrustyTrade.Core.Users;

namespace TrustyTrade.Functions.Api.Users;

/// <summary><c>/api/users</c> and <c>/api/me</c>: admins list, ban and appoint; a user sees only themself.</summary>
public sealed class UsersApi(ApiEndpoint api, UserService users)
{
    [Function(nameof(GetMe))]
    public Task<IActionResult> GetMe(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me")] HttpRequest request, CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.SignedIn(), call => GetUserAsync(call.Caller.UserId!.Value, cancellationToken), cancellationToken);

    [Function(nameof(ListUsers))]
    public Task<IActionResult> ListUsers(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "users")] HttpRequest request, CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.AdminsOnly(ApiScopes.UsersRead), async call =>
        {
            var filter = new UserFilter(call.Enum<UserRole>("role"), call.Bool("banned"), call.Query("username"));
            var limit = call.Limit();
            var page = await users.ListAsync(filter, call.Cursor() ?? 0, limit, cancellationToken).ConfigureAwait(false);
            return ApiResult.Ok(new ApiPage<User>(page, ApiCursor.Next(page, limit, u => u.Id)));
        }, cancellationToken);

    [Function(nameof(GetUser))]
    public Task<IActionResult> GetUser(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "users/{id:long}")] HttpRequest request, long id, CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.SignedIn(ApiScopes.UsersRead), call =>
            call.Caller.Kind == CallerKind.User && !call.Caller.Is(id)
                ? Task.FromResult(ApiResult.Problem(ApiProblem.Forbidden("you can see only yourself")))
                : GetUserAsync(id, cancellationToken), cancellationToken);

    [Function(nameof(BanUser))]
    public Task<IActionResult> BanUser(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "users/{id:long}/ban")] HttpRequest request, long id, CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.AdminsOnly(), call => SetBannedAsync(call, id, banned: true, cancellationToken), cancellationToken);

    [Function(nameof(UnbanUser))]
    public Task<IActionResult> UnbanUser(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "users/{id:long}/unban")] HttpRequest request, long id, CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.AdminsOnly(), call => SetBannedAsync(call, id, banned: false, cancellationToken), cancellationToken);

    /// <summary>Appoints or demotes an admin; If-Match must carry the user's current ETag.</summary>
    [Function(nameof(SetUserRole))]
    public Task<IActionResult> SetUserRole(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "users/{id:long}/role")] HttpRequest request, long id, CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.AdminsOnly(), async call =>
        {
            var change = call.Body<RoleChange>();
            var before = await users.FindAsync(id, cancellationToken).ConfigureAwait(false);
            if (before is null)
            {
                return ApiResult.Problem(ApiProblem.NotFound("the user"));
            }

            call.RequireVersion(ApiETag.Of(before));
            var outcome = await users.SetRoleAsync(call.Caller.UserId!.Value, id, change.Role, cancellationToken).ConfigureAwait(false);

            return await AfterChangeAsync(call, "user.role", before, outcome, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    private async Task<ApiResult> SetBannedAsync(ApiCall call, long id, bool banned, CancellationToken cancellationToken)
    {
        call.NoBody();
        var before = await users.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (before is null)
        {
            return ApiResult.Problem(ApiProblem.NotFound("the user"));
        }

        var outcome = await users.SetBannedAsync(call.Caller.UserId!.Value, id, banned, cancellationToken).ConfigureAwait(false);

        return await AfterChangeAsync(call, banned ? "user.ban" : "user.unban", before, outcome, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ApiResult> AfterChangeAsync(ApiCall call, string action, User before, UserChange outcome, CancellationToken cancellationToken)
    {
        switch (outcome)
        {
            case UserChange.NotFound:
                return ApiResult.Problem(ApiProblem.NotFound("the user"));
            case UserChange.NotAllowed:
                return ApiResult.Problem(ApiProblem.Conflict("user-change-not-allowed", "admins can't be banned, and nobody changes their own role"));
            case UserChange.NotAdmin:
                return ApiResult.Problem(ApiProblem.Forbidden());
        }

        var after = await users.FindAsync(before.Id, cancellationToken).ConfigureAwait(false);
        await call.AuditAsync(action, "user", before.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), before, after, cancellationToken)
            .ConfigureAwait(false);
        return ApiResult.Ok(after!, ApiETag.Of(after!));
    }

    private async Task<ApiResult> GetUserAsync(long id, CancellationToken cancellationToken) =>
        await users.FindAsync(id, cancellationToken).ConfigureAwait(false) is { } user
            ? ApiResult.Ok(user, ApiETag.Of(user))
            : ApiResult.Problem(ApiProblem.NotFound("the user"));
}
