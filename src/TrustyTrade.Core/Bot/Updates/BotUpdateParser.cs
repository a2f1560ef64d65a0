using System.Text.Json;

namespace TrustyTrade.Core.Bot.Updates;

/// <summary>Reads the parts of Telegram's Update JSON the bot uses; anything malformed reads as null, never throws.</summary>
public static class BotUpdateParser
{
    public static BotUpdate? TryParse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Read(document.RootElement);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static BotUpdate? Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || Long(root, "update_id") is not { } updateId || updateId <= 0)
        {
            return null;
        }

        return new BotUpdate(
            updateId,
            Object(root, "message") is { } message ? ReadMessage(message) : null,
            Object(root, "callback_query") is { } callback ? ReadCallback(callback) : null,
            Object(root, "pre_checkout_query") is { } query ? ReadPreCheckout(query) : null);
    }

    private static BotMessage? ReadMessage(JsonElement message)
    {
        if (Long(message, "message_id") is not { } id || Object(message, "chat") is not { } chat || Long(chat, "id") is not { } chatId
            || Object(message, "from") is not { } fromElement || ReadUser(fromElement) is not { } from)
        {
            return null;
        }

        string? photo = null;
        if (message.TryGetProperty("photo", out var sizes) && sizes.ValueKind == JsonValueKind.Array && sizes.GetArrayLength() > 0)
        {
            photo = String(sizes[sizes.GetArrayLength() - 1], "file_id");
        }

        BotPayment? payment = null;
        if (Object(message, "successful_payment") is { } paid)
        {
            // Telegram's amounts are positive 32-bit integers: a larger one overflowed the ledger's numeric on insert.
            payment = String(paid, "currency") is { } currency && Long(paid, "total_amount") is { } total and > 0 and <= int.MaxValue
                && String(paid, "invoice_payload") is { } payload && String(paid, "telegram_payment_charge_id") is { } charge
                ? new BotPayment(currency, total, payload, charge)
                : null;
        }

        var text = String(message, "text");
        var hasMedia = text is null && payment is null;
        return new BotMessage(id, chatId, String(chat, "type") == "private", from, text, hasMedia, photo, payment);
    }

    private static BotCallback? ReadCallback(JsonElement callback)
    {
        if (String(callback, "id") is not { } id || Object(callback, "from") is not { } fromElement || ReadUser(fromElement) is not { } from)
        {
            return null;
        }

        var message = Object(callback, "message");
        var chatId = message is { } m && Object(m, "chat") is { } chat ? Long(chat, "id") : null;
        var messageId = message is { } n ? Long(n, "message_id") : null;
        return new BotCallback(id, from, chatId, messageId, String(callback, "data") ?? "");
    }

    private static BotPreCheckout? ReadPreCheckout(JsonElement query) =>
        String(query, "id") is { } id && Object(query, "from") is { } fromElement && ReadUser(fromElement) is { } from
        && String(query, "currency") is { } currency && Long(query, "total_amount") is { } total and > 0 and <= int.MaxValue
        && String(query, "invoice_payload") is { } payload
            ? new BotPreCheckout(id, from, currency, total, payload)
            : null;

    private static BotUser? ReadUser(JsonElement user) =>
        Long(user, "id") is { } id && id > 0
            ? new BotUser(id, String(user, "username"), String(user, "language_code"),
                user.TryGetProperty("is_bot", out var bot) && bot.ValueKind == JsonValueKind.True)
            : null;

    private static JsonElement? Object(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static string? String(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Long(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : null;
}
