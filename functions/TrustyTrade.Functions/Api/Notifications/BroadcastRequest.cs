namespace TrustyTrade.Functions.Api.Notifications;

/// <summary>
/// A message to every user who is not banned, or only those reading <see cref="Language"/>. <see cref="Id"/> names the
/// broadcast: sent again under the same id, it reaches nobody twice.
/// </summary>
public sealed record BroadcastRequest(string Id, string Text, string? Language = null);
