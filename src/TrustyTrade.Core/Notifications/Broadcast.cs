namespace TrustyTrade.Core.Notifications;

/// <summary>
/// An admin's message to every user who is not banned, or only to those who read the bot in <see cref="Language"/>.
/// <see cref="Id"/> is the admin action's id (from the panel): sending the same broadcast again reaches nobody twice.
/// </summary>
public sealed record Broadcast(string Id, long AdminId, string Text, string? Language = null);
