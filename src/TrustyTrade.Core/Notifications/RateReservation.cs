namespace TrustyTrade.Core.Notifications;

/// <summary>
/// The rate limiter's answer. Reserved: a send slot is ours, <see cref="Wait"/> from now. Not reserved: ask again
/// after <see cref="Wait"/> (the chat's or the bot's next free slot is that far away).
/// </summary>
public sealed record RateReservation(bool Reserved, TimeSpan Wait);
