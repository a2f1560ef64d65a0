using TrustyTrade.Core.Listings;
using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Functions.Api.Accounts;

/// <summary>A listing draft as a seller posts it. <see cref="Credentials"/> is sealed by Core and never read back.</summary>
public sealed record NewAccount(string Game, string Title, string Description, Money Price, string? Credentials = null)
{
    public ListingDraft ToDraft() => new(Game, Title, Description, Price, Credentials);

    /// <summary>The credentials are a secret: never in logs or messages, even via ToString.</summary>
    public override string ToString() => ToDraft().ToString();
}
