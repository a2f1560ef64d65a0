namespace TrustyTrade.IntegrationTests.Infrastructure;

/// <summary>Tests that share the test database run one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class DatabaseCollectionDefinition : ICollectionFixture<DatabaseFixture>
{
    public const string Name = "database";
}
