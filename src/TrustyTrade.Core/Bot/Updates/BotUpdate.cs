namespace TrustyTrade.Core.Bot.Updates;

/// <summary>
/// The part of a Telegram update the bot acts on, in Core's own terms: a message, a pressed button or a pre-checkout
/// query (at most one is set). Any other kind leaves all three null and is ignored.
/// </summary>
public sealed record BotUpdate(long UpdateId, BotMessage? Message, BotCallback? Callback, BotPreCheckout? PreCheckout);
