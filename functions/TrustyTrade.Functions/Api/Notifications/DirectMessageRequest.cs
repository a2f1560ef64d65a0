namespace TrustyTrade.Functions.Api.Notifications;

/// <summary>A message to one user, sent by the bot in their chat.</summary>
public sealed record DirectMessageRequest(long UserId, string Text);
