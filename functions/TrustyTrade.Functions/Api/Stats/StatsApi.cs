using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TrustyTrade.Core.Access;
using TrustyTrade.Core.Deals.Stats;

namespace TrustyTrade.Functions.Api.Stats;

/// <summary><c>GET /api/stats?days=30</c>: the admin dashboard's figures (admins; keys with <c>deals:read</c>).</summary>
public sealed class StatsApi(ApiEndpoint api, DealStatsService stats)
{
    private const int DefaultDays = 30;

    [Function(nameof(GetStats))]
    public Task<IActionResult> GetStats(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "stats")] HttpRequest request, CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.AdminsOnly(ApiScopes.DealsRead), async call =>
        {
            var days = call.Number("days") ?? DefaultDays;
            if (days > DealStatsService.MaxDays)
            {
                return ApiResult.Problem(ApiProblem.BadRequest($"days must be 1 to {DealStatsService.MaxDays}"));
            }

            return ApiResult.Ok(await stats.GetAsync((int)days, cancellationToken).ConfigureAwait(false));
        }, cancellationToken);
}
