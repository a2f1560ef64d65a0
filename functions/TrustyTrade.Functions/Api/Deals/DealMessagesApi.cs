using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TrustyTrade.Core.DealRecords;

namespace TrustyTrade.Functions.Api.Deals;

/// <summary>
/// <c>GET /api/deals/{id}/messages</c>: the buyer–seller chat, oldest first, for the deal's parties and for admins
/// weighing a dispute. It is private evidence, so no integration key may read it, whatever its scopes.
/// </summary>
public sealed class DealMessagesApi(ApiEndpoint api, DealRecordService records)
{
    [Function(nameof(ListDealMessages))]
    public Task<IActionResult> ListDealMessages(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "deals/{id:long}/messages")] HttpRequest request, long id,
        CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.SignedIn(), async call =>
        {
            var (outcome, messages) = await records.ListMessagesAsync(id, call.Caller.Actor, cancellationToken).ConfigureAwait(false);
            return outcome switch
            {
                DealRecordOutcome.Done => ApiResult.Ok(new ApiPage<DealMessage>(messages, null)),
                DealRecordOutcome.NotAParty => ApiResult.Problem(ApiProblem.Of(403, "deal-not-a-party", "Not a party to this deal")),
                _ => ApiResult.Problem(ApiProblem.NotFound("the deal")),
            };
        }, cancellationToken);
}
