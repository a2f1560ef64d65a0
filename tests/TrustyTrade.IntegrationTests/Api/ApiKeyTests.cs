using TrustyTrade.Core.Access;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary>Integration keys over the real PostgreSQL: only a hash is kept, and a key opens only while it lives.</summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class ApiKeyTests(DatabaseFixture database) : IAsyncLifetime
{
    private ApiTestHost _host = null!;

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        _host = ApiTestHost.Start();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task CreatedKey_AuthenticatesWithItsScopes()
    {
        var admin = await _host.AdminAsync();
        var created = await _host.Get<ApiKeyService>().CreateAsync(admin.UserId!.Value, "partner", [ApiScopes.DealsRead], CancellationToken.None);

        var key = await _host.Get<ApiKeyService>().AuthenticateAsync(created.Secret, CancellationToken.None);

        Assert.Equal([ApiScopes.DealsRead], key!.Scopes);
    }

    [Fact]
    public async Task KeyWithOneCharacterChanged_DoesNotAuthenticate()
    {
        var admin = await _host.AdminAsync();
        var created = await _host.Get<ApiKeyService>().CreateAsync(admin.UserId!.Value, "partner", [ApiScopes.DealsRead], CancellationToken.None);
        var forged = created.Secret[..^1] + (created.Secret[^1] == 'A' ? 'B' : 'A');

        Assert.Null(await _host.Get<ApiKeyService>().AuthenticateAsync(forged, CancellationToken.None));
    }

    [Fact]
    public async Task RevokedKey_DoesNotAuthenticate()
    {
        var admin = await _host.AdminAsync();
        var service = _host.Get<ApiKeyService>();
        var created = await service.CreateAsync(admin.UserId!.Value, "partner", [ApiScopes.DealsRead], CancellationToken.None);

        await service.RevokeAsync(admin.UserId!.Value, created.Key.Id, CancellationToken.None);

        Assert.Null(await service.AuthenticateAsync(created.Secret, CancellationToken.None));
    }

    [Fact]
    public async Task StoredKey_HoldsNoSecret()
    {
        var admin = await _host.AdminAsync();
        var created = await _host.Get<ApiKeyService>().CreateAsync(admin.UserId!.Value, "partner", [ApiScopes.DealsRead], CancellationToken.None);
        await using var command = database.DataSource.CreateCommand("SELECT row_to_json(k)::text FROM api_keys k");

        var row = (string)(await command.ExecuteScalarAsync())!;

        Assert.DoesNotContain(created.Secret[(created.Secret.IndexOf('_', 3) + 1)..], row, StringComparison.Ordinal);
    }
}
