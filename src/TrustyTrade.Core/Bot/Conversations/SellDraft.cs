using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Vault;

namespace TrustyTrade.Core.Bot.Conversations;

/// <summary>A listing being written in the sell wizard. Credentials wait here sealed by the vault, never in plain text.</summary>
public sealed record SellDraft(
    string? Game = null,
    string? Title = null,
    string? Description = null,
    Currency? Currency = null,
    decimal? Price = null,
    EncryptedSecret? Credentials = null);
