using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TrustyTrade.Core.Access;

namespace TrustyTrade.Functions.Api.Access;

/// <summary><c>/api/keys</c>: admins issue integration keys (the secret shown once), list and revoke them.</summary>
public sealed class ApiKeysApi(ApiEndpoint api, ApiKeyService keys)
{
    [Function(nameof(ListApiKeys))]
    public Task<IActionResult> ListApiKeys(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "keys")] HttpRequest request, CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.AdminsOnly(), async call =>
        {
            var limit = call.Limit();
            var page = await keys.ListAsync(call.Cursor(), limit, cancellationToken).ConfigureAwait(false);
            return ApiResult.Ok(new ApiPage<ApiKey>(page, ApiCursor.Next(page, limit, k => k.Id)));
        }, cancellationToken);

    [Function(nameof(CreateApiKey))]
    public Task<IActionResult> CreateApiKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "keys")] HttpRequest request, CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.AdminsOnly(), async call =>
        {
            var body = call.Body<NewApiKey>();
            if (ApiKeyService.Problem(body.Name, body.Scopes) is { } problem)
            {
                return ApiResult.Problem(ApiProblem.BadRequest(problem));
            }

            var created = await keys.CreateAsync(call.Caller.UserId!.Value, body.Name, body.Scopes, cancellationToken).ConfigureAwait(false);
            await call.AuditAsync("key.create", "api_key", Id(created.Key.Id), null, created.Key, cancellationToken).ConfigureAwait(false);
            return ApiResult.Created(created, $"/api/keys/{Id(created.Key.Id)}");
        }, cancellationToken);

    [Function(nameof(RevokeApiKey))]
    public Task<IActionResult> RevokeApiKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "keys/{id:long}/revoke")] HttpRequest request, long id, CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.AdminsOnly(), async call =>
        {
            call.NoBody();
            var before = await keys.FindAsync(id, cancellationToken).ConfigureAwait(false);
            if (before is null)
            {
                return ApiResult.Problem(ApiProblem.NotFound("the key"));
            }

            if (!await keys.RevokeAsync(call.Caller.UserId!.Value, id, cancellationToken).ConfigureAwait(false))
            {
                return ApiResult.Problem(ApiProblem.Conflict("key-revoked", "the key was revoked before"));
            }

            var after = await keys.FindAsync(id, cancellationToken).ConfigureAwait(false);
            await call.AuditAsync("key.revoke", "api_key", Id(id), before, after, cancellationToken).ConfigureAwait(false);
            return ApiResult.Ok(after!);
        }, cancellationToken);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
