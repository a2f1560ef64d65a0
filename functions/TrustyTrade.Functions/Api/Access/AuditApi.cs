using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TrustyTrade.Core.Access;

namespace TrustyTrade.Functions.Api.Access;

/// <summary><c>GET /api/audit</c>: the audit log for admins, newest first, optionally for one target.</summary>
public sealed class AuditApi(ApiEndpoint api, IAuditLog audit)
{
    [Function(nameof(ListAudit))]
    public Task<IActionResult> ListAudit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "audit")] HttpRequest request, CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.AdminsOnly(), async call =>
        {
            var limit = call.Limit();
            var page = await audit.ListAsync(call.Query("targetType"), call.Query("targetId"), call.Cursor(), limit, cancellationToken)
                .ConfigureAwait(false);
            return ApiResult.Ok(new ApiPage<AuditRecord>(page, ApiCursor.Next(page, limit, r => r.Id)));
        }, cancellationToken);
}
