using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Bot.Conversations;

/// <summary>A withdrawal being asked for: the whole balance of one currency, then the address it goes to.</summary>
public sealed record WithdrawDraft(Currency Currency, decimal Amount, string? Address = null);
