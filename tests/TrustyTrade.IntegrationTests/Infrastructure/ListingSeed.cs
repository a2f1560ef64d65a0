using TrustyTrade.Core.Monetary;

namespace TrustyTrade.IntegrationTests.Infrastructure;

/// <summary>One listing to put straight into the database with <c>TestData.ListingsAsync</c>.</summary>
internal sealed record ListingSeed(string Game, string Title, string Description, Money Price, string Status, DateTimeOffset CreatedAt);
