using System.Text.Json;
using System.Text.Json.Serialization;

namespace TrustyTrade.Core.Notifications;

/// <summary>The notification's form on the queue: camelCase JSON with enums by name, so a message reads in a queue browser.</summary>
public static class NotificationJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return JsonSerializer.Serialize(notification, Options);
    }

    /// <summary>Parses and checks a queue message; anything else is an <see cref="InvalidNotificationException"/>.</summary>
    public static Notification Deserialize(string message)
    {
        Notification? notification;
        try
        {
            notification = JsonSerializer.Deserialize<Notification>(message, Options);
        }
        catch (JsonException e)
        {
            throw new InvalidNotificationException($"not a notification's JSON: {e.Message}", e);
        }

        if (notification is null)
        {
            throw new InvalidNotificationException("not a notification's JSON: null");
        }

        var problem = notification.Problem();
        return problem is null ? notification : throw new InvalidNotificationException($"notification {notification.Id}: {problem}");
    }
}
