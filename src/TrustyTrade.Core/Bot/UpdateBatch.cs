using System.Text;
using System.Text.Json;

namespace TrustyTrade.Core.Bot;

/// <summary>
/// Several sealed updates in one queue message: a JSON array of them, in the order they arrived. The inbox groups the
/// updates that arrive while a send is in flight (a group commit), so a burst costs the queue one request per group.
/// </summary>
public static class UpdateBatch
{
    /// <summary>The most characters of sealed updates one message holds: base64 on the queue makes them a third more, under 64 KiB.</summary>
    public const int MaxChars = 48_600;

    public static string Join(IReadOnlyList<string> sealedUpdates)
    {
        ArgumentNullException.ThrowIfNull(sealedUpdates);
        var message = new StringBuilder(sealedUpdates.Sum(u => u.Length + 1) + 1).Append('[');
        for (var i = 0; i < sealedUpdates.Count; i++)
        {
            message.Append(i == 0 ? "" : ",").Append(sealedUpdates[i]);
        }

        return message.Append(']').ToString();
    }

    /// <summary>The sealed updates in a message, in order; a message holding one sealed update alone reads as that one.</summary>
    public static IReadOnlyList<string> Split(string message)
    {
        try
        {
            using var document = JsonDocument.Parse(message);
            return document.RootElement.ValueKind == JsonValueKind.Array
                ? [.. document.RootElement.EnumerateArray().Select(e => e.GetRawText())]
                : [message];
        }
        catch (JsonException)
        {
            return [message];
        }
    }

    /// <summary>Characters a sealed update adds to a message (itself and its comma).</summary>
    public static int CostOf(string sealedUpdate)
    {
        ArgumentNullException.ThrowIfNull(sealedUpdate);
        return sealedUpdate.Length + 1;
    }
}
