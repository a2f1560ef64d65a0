namespace TrustyTrade.Core.Bot.Updates;

/// <summary>
/// A message to the bot. <see cref="Text"/> is null for a photo, sticker, file and the like (<see cref="HasMedia"/>);
/// <see cref="PhotoFileId"/> is the largest size of a photo; <see cref="Payment"/> is set for a successful payment.
/// </summary>
public sealed record BotMessage(
    long MessageId,
    long ChatId,
    bool IsPrivateChat,
    BotUser From,
    string? Text,
    bool HasMedia,
    string? PhotoFileId,
    BotPayment? Payment);
