using TrustyTrade.Core.Notifications.Messages;

namespace TrustyTrade.Functions.Api.Notifications;

/// <summary>Every refusal of a notification route as one stable problem type, in one place.</summary>
public static class NotificationProblems
{
    public static ApiProblem Of(MessageRefusal refusal, string? detail) => refusal switch
    {
        MessageRefusal.NotAllowed => ApiProblem.Forbidden(detail),
        MessageRefusal.BadText => ApiProblem.Of(400, "invalid-text", "The text is not valid", detail),
        MessageRefusal.UserNotFound => ApiProblem.NotFound("the user"),
        MessageRefusal.UserBanned => ApiProblem.Conflict("user-banned", detail ?? "the user is banned"),
        MessageRefusal.BadBroadcast => ApiProblem.Of(400, "invalid-broadcast", "The broadcast is not valid", detail),
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, "unknown message refusal"),
    };
}
