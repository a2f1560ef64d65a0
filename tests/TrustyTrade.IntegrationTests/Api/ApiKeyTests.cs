using TrustyTrade.Core.Access;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary>Integration keys over the real PostgreSQL: only a hash is kept, and a key opens only while it lives.</summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class ApiKeyTests(DatabaseFixture database) : ApiHostTest(database)
{
    [Fact]
    public async Task CreatedKey_AuthenticatesWithItsScopes()
    {
        var admin = await Host.AdminAsync();
        var created = await Host.Get<ApiKeyService>().CreateAsync(admin.UserId!.Value, "partner", [ApiScopes.DealsRead], CancellationToken.None);

        var key = await Host.Get<ApiKeyService>().AuthenticateAsync(created.Secret, CancellationToken.None);

        Assert.Equal([ApiScopes.DealsRead], key!.Scopes);
    }

    [Fact]
    public async Task KeyWithOneCharacterChanged_DoesNotAuthenticate()
    {
        var admin = await Host.AdminAsync();
        var created = await Host.Get<ApiKeyService>().CreateAsync(admin.UserId!.Value, "partner", [ApiScopes.DealsRead], CancellationToken.None);
        var forged = created.Secret[..^1] + (created.Secret[^1] == 'A' ? 'B' : 'A');

        Assert.Null(await Host.Get<ApiKeyService>().AuthenticateAsync(forged, CancellationToken.None));
    }

    [Fact]
    public async Task RevokedKey_DoesNotAuthenticate()
    {
        var admin = await Host.AdminAsync();
        var service = Host.Get<ApiKeyService>();
        var created = await service.CreateAsync(admin.UserId!.Value, "partner", [ApiScopes.DealsRead], CancellationToken.None);

        await service.RevokeAsync(admin.UserId!.Value, created.Key.Id, CancellationToken.None);

        Assert.Null(await service.AuthenticateAsync(created.Secret, CancellationToken.None));
    }

    [Fact]
    public async Task StoredKey_HoldsNoSecret()
    {
        var admin = await Host.AdminAsync();
        var created = await Host.Get<ApiKeyService>().CreateAsync(admin.UserId!.Value, "partner", [ApiScopes.DealsRead], CancellationToken.None);
        await using var command = Database.DataSource.CreateCommand("SELECT row_to_json(k)::text FROM api_keys k");

        var row = (string)(await command.ExecuteScalarAsync())!;

        Assert.DoesNotContain(created.Secret[(created.Secret.IndexOf('_', 3) + 1)..], row, StringComparison.Ordinal);
    }
}
