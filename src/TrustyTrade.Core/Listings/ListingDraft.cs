using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Listings;

/// <summary>What a seller enters for a new listing. <see cref="Credentials"/> (login, password, e-mail) enable instant delivery.</summary>
public sealed record ListingDraft(string Game, string Title, string Description, Money Price, string? Credentials = null)
{
    /// <summary>The plaintext is a secret: it never appears in logs or exception messages, even via ToString.</summary>
    public override string ToString() =>
        $"ListingDraft {{ Game = {Game}, Title = {Title}, Price = {Price}, Credentials = {(Credentials is null ? "none" : "***")} }}";
}
