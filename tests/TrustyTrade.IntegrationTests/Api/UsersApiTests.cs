using Npgsql;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary>/api/users over the real database: filters, cursor pages, versioned role changes, and the audit trail.</summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class UsersApiTests(DatabaseFixture database) : ApiHostTest(database)
{
    private static readonly string[] DealsRead = ["deals:read"];
    private static readonly string[] Everything = ["everything"];

    private ApiCredentials _admin = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _admin = await Host.AdminAsync();
    }

    [Fact]
    public async Task Pages_CoverEveryUserOnceInOrder()
    {
        for (var i = 0; i < 6; i++)
        {
            await Host.UserAsync();
        }

        var seen = await PageThroughAsync("/api/users?limit=4", _admin);

        Assert.Equal(Enumerable.Range(1, 7).Select(i => (long)i), seen);
    }

    [Fact]
    public async Task Filters_ByRoleBanAndUsername()
    {
        var banned = await Host.UserAsync("Banned_Bob");
        await Host.UserAsync("bobby");
        await Host.PostAsync($"/api/users/{banned.UserId}/ban", null, _admin);

        var admins = (await Host.GetAsync("/api/users?role=admin", _admin)).Json.GetProperty("items");
        var bannedOnes = (await Host.GetAsync("/api/users?banned=true", _admin)).Json.GetProperty("items");
        var bobs = (await Host.GetAsync("/api/users?username=BOB", _admin)).Json.GetProperty("items");

        Assert.Equal([_admin.UserId!.Value], admins.EnumerateArray().Select(u => u.GetProperty("id").GetInt64()));
        Assert.Equal([banned.UserId!.Value], bannedOnes.EnumerateArray().Select(u => u.GetProperty("id").GetInt64()));
        Assert.Equal(["bobby"], bobs.EnumerateArray().Select(u => u.GetProperty("username").GetString()));
    }

    [Fact]
    public async Task UnknownFilterValueOrForeignCursor_Is400()
    {
        var role = await Host.GetAsync("/api/users?role=owner", _admin);
        var cursor = await Host.GetAsync("/api/users?cursor=bm90LW91cnM", _admin);
        var limit = await Host.GetAsync("/api/users?limit=1000", _admin);

        Assert.Equal([400, 400, 400], [role.Status, cursor.Status, limit.Status]);
    }

    [Fact]
    public async Task RoleChange_WithoutIfMatch_Is428()
    {
        var user = await Host.UserAsync();

        var response = await Host.SendAsync("PUT", $"/api/users/{user.UserId}/role", new { role = "admin" }, _admin);

        Assert.Equal((428, "precondition-required"), (response.Status, response.ProblemType));
    }

    [Fact]
    public async Task RoleChange_WithAStaleETag_Is412AndChangesNothing()
    {
        var user = await Host.UserAsync();
        var etag = (await Host.GetAsync($"/api/users/{user.UserId}", _admin)).Headers.ETag.ToString();
        await Host.PostAsync($"/api/users/{user.UserId}/ban", null, _admin);

        var response = await Host.SendAsync(
            "PUT", $"/api/users/{user.UserId}/role", new { role = "admin" }, _admin, new Dictionary<string, string> { ["If-Match"] = etag });

        Assert.Equal((412, "version-mismatch"), (response.Status, response.ProblemType));
        Assert.Equal("user", (await Host.GetAsync($"/api/users/{user.UserId}", _admin)).Json.GetProperty("role").GetString());
    }

    [Fact]
    public async Task Ban_EndsTheUsersAccessAtOnce()
    {
        var user = await Host.UserAsync();

        await Host.PostAsync($"/api/users/{user.UserId}/ban", null, _admin);

        Assert.Equal(401, (await Host.GetAsync("/api/me", user)).Status);
    }

    [Fact]
    public async Task AdminWrite_IsAuditedWithWhoWhatBeforeAndAfter()
    {
        var user = await Host.UserAsync();

        await Host.PostAsync($"/api/users/{user.UserId}/ban", null, _admin);

        var entry = (await Host.GetAsync($"/api/audit?targetType=user&targetId={user.UserId}", _admin)).Json.GetProperty("items")[0];
        Assert.Equal(("admin", _admin.UserId!.Value, "user.ban"), (entry.GetProperty("actorKind").GetString(), entry.GetProperty("actorId").GetInt64(), entry.GetProperty("action").GetString()));
        Assert.False(entry.GetProperty("before").GetProperty("isBanned").GetBoolean());
        Assert.True(entry.GetProperty("after").GetProperty("isBanned").GetBoolean());
        Assert.Equal(Host.ClientIp, entry.GetProperty("clientIp").GetString());
    }

    [Fact]
    public async Task AuditLog_RefusesUpdatesAndDeletes()
    {
        var user = await Host.UserAsync();
        await Host.PostAsync($"/api/users/{user.UserId}/ban", null, _admin);

        var update = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("UPDATE audit_log SET action = 'nothing'"));
        var delete = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("DELETE FROM audit_log"));

        Assert.Equal((PostgresErrorCodes.InsufficientPrivilege, PostgresErrorCodes.InsufficientPrivilege), (update.SqlState, delete.SqlState));
    }

    [Fact]
    public async Task ApiKey_SecretIsShownOnceAndNeverListed()
    {
        var created = await Host.PostAsync("/api/keys", new { name = "partner", scopes = DealsRead }, _admin);
        var secret = created.Json.GetProperty("secret").GetString()!;

        var list = await Host.GetAsync("/api/keys", _admin);
        var audit = await Host.GetAsync("/api/audit?targetType=api_key", _admin);

        Assert.Equal(201, created.Status);
        Assert.DoesNotContain(secret[(secret.IndexOf('_', 3) + 1)..], list.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(secret[(secret.IndexOf('_', 3) + 1)..], audit.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiKey_WithAnUnknownScope_Is400()
    {
        var response = await Host.PostAsync("/api/keys", new { name = "partner", scopes = Everything }, _admin);

        Assert.Equal((400, "invalid-request"), (response.Status, response.ProblemType));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = Database.DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
