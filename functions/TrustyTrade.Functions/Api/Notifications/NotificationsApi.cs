using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TrustyTrade.Core.Access;
using TrustyTrade.Core.Notifications.Messages;

namespace TrustyTrade.Functions.Api.Notifications;

/// <summary>
/// <c>/api/notifications</c>: admins and integrations message one user; admins broadcast; both are queued for the
/// bot's sender (202: accepted, not yet delivered) and kept in a history that GET lists, newest first.
/// </summary>
public sealed class NotificationsApi(ApiEndpoint api, MessageService messages)
{
    [Function(nameof(ListNotifications))]
    public Task<IActionResult> ListNotifications(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "notifications")] HttpRequest request, CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.AdminsOnly(ApiScopes.NotificationsRead), async call =>
        {
            var limit = call.Limit();
            var page = await messages.ListAsync(call.Cursor(), limit, cancellationToken).ConfigureAwait(false);
            return ApiResult.Ok(new ApiPage<SentMessage>(page, ApiCursor.Next(page, limit, m => m.Id)));
        }, cancellationToken);

    [Function(nameof(PostNotification))]
    public Task<IActionResult> PostNotification(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "notifications")] HttpRequest request, CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.AdminsOnly(ApiScopes.NotificationsWrite), async call =>
        {
            var body = call.Body<DirectMessageRequest>();
            return await AcceptedAsync(
                call, "notification.send", await messages.SendAsync(call.Caller, body.UserId, body.Text, cancellationToken).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    [Function(nameof(PostBroadcast))]
    public Task<IActionResult> PostBroadcast(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "notifications/broadcast")] HttpRequest request, CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiAccess.AdminsOnly(), async call =>
        {
            var body = call.Body<BroadcastRequest>();
            return await AcceptedAsync(
                call, "notification.broadcast",
                await messages.BroadcastAsync(call.Caller, body.Id, body.Text, body.Language, cancellationToken).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    private static async Task<ApiResult> AcceptedAsync(ApiCall call, string action, MessageResult result, CancellationToken cancellationToken)
    {
        if (result.Message is not { } message)
        {
            return ApiResult.Problem(NotificationProblems.Of(result.Refusal!.Value, result.Detail));
        }

        await call.AuditAsync(action, "notification", message.Id.ToString(CultureInfo.InvariantCulture), null, message, cancellationToken)
            .ConfigureAwait(false);
        return ApiResult.Ok(message) with { Status = 202 };
    }
}
