using System.Globalization;
using System.Text.Json;
using TrustyTrade.Core.Bot;
using TrustyTrade.TestSupport;

namespace TrustyTrade.IntegrationTests.Bot;

/// <summary>A person in the conversation tests: sends real-shaped updates and reads their chat as the fake Bot API holds it.</summary>
internal sealed class TelegramUser(BotConversationHarness harness, long id, string username, string languageCode)
{
    public long Id { get; } = id;

    public string Username { get; } = username;

    /// <summary>The bot's language for this person, as it picks it from their app's language.</summary>
    public string Language { get; } = Core.Users.UserLanguages.FromTelegram(languageCode);

    public long LastMessageId { get; private set; }

    /// <summary>The bot's text named <paramref name="key"/> in this person's language (formatted, when arguments are given).</summary>
    public string T(string key, params object?[] arguments) => BotTexts.Get(Language, key, arguments);

    public Task<int> SayAsync(string text, long? updateId = null) => harness.SendAsync(TextUpdate(text, updateId));

    /// <summary>The update JSON of this person typing <paramref name="text"/>.</summary>
    public string TextUpdate(string text, long? updateId = null) =>
        MessageJson(updateId ?? BotConversationHarness.NextId(), $"\"text\":{JsonSerializer.Serialize(text)}");

    public Task<int> SendPhotoAsync() =>
        harness.SendAsync(MessageJson(BotConversationHarness.NextId(), "\"photo\":[{\"file_id\":\"small\",\"width\":90,\"height\":90},{\"file_id\":\"AgACAgIAAx-photo\",\"width\":800,\"height\":800}]"));

    /// <summary>Telegram takes the Stars (the fake lists the payment), then tells the bot with a successful_payment update.</summary>
    public Task<int> PayAsync(long stars, string payload, string chargeId)
    {
        harness.Fake.AddStarPayment(Id, chargeId, stars);
        return SendPaymentAsync(stars, payload, chargeId);
    }

    /// <summary>Only the successful_payment update, as Telegram sends it again for a payment it already took.</summary>
    public Task<int> SendPaymentAsync(long stars, string payload, string chargeId) => harness.SendAsync(PaymentUpdate(stars, payload, chargeId));

    /// <summary>The successful_payment update JSON of this person's Stars payment.</summary>
    public string PaymentUpdate(long stars, string payload, string chargeId) =>
        MessageJson(BotConversationHarness.NextId(),
            $$$"""
            "successful_payment":{"currency":"XTR","total_amount":{{{stars}}},"invoice_payload":{{{JsonSerializer.Serialize(payload)}}},"telegram_payment_charge_id":{{{JsonSerializer.Serialize(chargeId)}}},"provider_payment_charge_id":""}
            """);

    /// <summary>Posts a pre-checkout query to the webhook only: it must be answered inside that request, not from the queue.</summary>
    public Task<int> PreCheckoutAsync(long stars, string payload, string queryId) =>
        harness.PostAsync($$$"""
            {"update_id":{{{BotConversationHarness.NextId()}}},"pre_checkout_query":{"id":{{{JsonSerializer.Serialize(queryId)}}},"from":{{{From()}}},"currency":"XTR","total_amount":{{{stars}}},"invoice_payload":{{{JsonSerializer.Serialize(payload)}}}}}
            """);

    /// <summary>Opens one of this person's deals the way they would: "my deals", then the deal's button.</summary>
    public async Task OpenDealAsync(long dealId)
    {
        await SayAsync("/mydeals");
        await PressAsync($"#{dealId}");
    }

    /// <summary>Presses the button whose text is <paramref name="buttonText"/> (or starts with it) on the newest message that has it.</summary>
    public async Task PressAsync(string buttonText)
    {
        foreach (var message in Messages().Reverse())
        {
            if (Buttons(message).Where(b => b.Text.StartsWith(buttonText, StringComparison.Ordinal)).Select(b => b.Data).FirstOrDefault() is { } data)
            {
                await PressDataAsync(data, message.MessageId);
                return;
            }
        }

        throw new InvalidOperationException(
            $"no button '{buttonText}' in the chat of {Id}; the last message reads: {LastText}");
    }

    public Task<int> PressDataAsync(string data, long messageId, long? updateId = null) =>
        harness.SendAsync($$$"""
            {"update_id":{{{updateId ?? BotConversationHarness.NextId()}}},"callback_query":{"id":"cb{{{BotConversationHarness.NextId()}}}","from":{{{From()}}},"chat_instance":"1","data":{{{JsonSerializer.Serialize(data)}}},"message":{"message_id":{{{messageId}}},"date":1764400000,"chat":{"id":{{{Id}}},"type":"private"} } } }
            """);

    /// <summary>The bot's messages in this person's chat, as they read now (edits applied, deleted ones gone), oldest first.</summary>
    public IReadOnlyList<ChatMessage> Messages() => harness.Fake.MessagesIn(Id);

    public string LastText => Messages() is [.., var last] ? last.Text : "";

    /// <summary>Whether any message the bot ever sent or showed this person reads <paramref name="text"/> (or contains it).</summary>
    public bool WasTold(string text) =>
        harness.Fake.Calls.Any(c => c.Method is "sendMessage" or "editMessageText"
            && c.Parameter("chat_id")?.ToString() == Id.ToString(CultureInfo.InvariantCulture)
            && (c.Text("text") ?? "").Contains(text, StringComparison.Ordinal));

    /// <summary>The alert or toast the bot showed on this person's last pressed button.</summary>
    public string? LastToast => harness.Fake.CallsTo("answerCallbackQuery") is [.., var last] ? last.Text("text") : null;

    public static IReadOnlyList<(string Text, string Data)> Buttons(ChatMessage message)
    {
        if (message.ReplyMarkup is not { } markup || !markup.TryGetProperty("inline_keyboard", out var rows))
        {
            return [];
        }

        return [.. rows.EnumerateArray().SelectMany(r => r.EnumerateArray())
            .Select(b => (b.GetProperty("text").GetString()!, b.GetProperty("callback_data").GetString()!))];
    }

    private string MessageJson(long updateId, string content)
    {
        // Far above the fake's own message ids, so a user's message is never taken for one of the bot's.
        LastMessageId = 10_000_000 + (BotConversationHarness.NextId() % 1_000_000);
        return $$$"""
            {"update_id":{{{updateId}}},"message":{"message_id":{{{LastMessageId}}},"date":1764400000,"chat":{"id":{{{Id}}},"type":"private"},"from":{{{From()}}},{{{content}}}}}
            """;
    }

    private string From() =>
        $$$"""{"id":{{{Id.ToString(CultureInfo.InvariantCulture)}}},"is_bot":false,"first_name":"Test","username":{{{JsonSerializer.Serialize(Username)}}},"language_code":{{{JsonSerializer.Serialize(languageCode)}}}}""";
}
