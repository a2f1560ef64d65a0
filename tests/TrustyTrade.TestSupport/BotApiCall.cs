using System.Text.Json;

namespace TrustyTrade.TestSupport;

/// <summary>One request the fake Bot API received, answered or not: the method and its JSON body (a copy of its own).</summary>
public sealed record BotApiCall(string Method, JsonElement Body, DateTimeOffset At)
{
    /// <summary>A string parameter, or null when the request did not send it.</summary>
    public string? Text(string name) => Body.TryGetProperty(name, out var value) ? value.GetString() : null;

    /// <summary>A parameter as it was sent (object, array, number…), or null when the request did not send it.</summary>
    public JsonElement? Parameter(string name) => Body.TryGetProperty(name, out var value) ? value : null;
}
