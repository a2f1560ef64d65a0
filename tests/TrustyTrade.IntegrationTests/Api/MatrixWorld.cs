using TrustyTrade.Core.Access;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary>
/// The people a route case acts for: an owner and a stranger (both plain users), an admin, and the API keys. A case
/// builds its data for <see cref="Owner"/>; the matrix then sends the request as each caller in turn.
/// </summary>
public sealed class MatrixWorld(ApiTestHost host, ApiCredentials owner, ApiCredentials stranger, ApiCredentials admin)
{
    public ApiTestHost Host { get; } = host;

    public ApiCredentials Owner { get; } = owner;

    public ApiCredentials Stranger { get; } = stranger;

    public ApiCredentials Admin { get; } = admin;

    public long OwnerId => Owner.UserId!.Value;

    public long AdminId => Admin.UserId!.Value;

    public static async Task<MatrixWorld> CreateAsync(ApiTestHost host) =>
        new(host, await host.UserAsync(), await host.UserAsync(), await host.AdminAsync());

    public async Task<ApiCredentials> CredentialsAsync(CallerClass caller, string? scope) => caller switch
    {
        CallerClass.Anonymous => ApiCredentials.None,
        CallerClass.Owner => Owner,
        CallerClass.Stranger => Stranger,
        CallerClass.Admin => Admin,
        CallerClass.KeyWithScope => scope is null ? await Host.KeyAsync([.. ApiScopes.All]) : await Host.KeyAsync(scope),
        _ => await Host.KeyAsync([.. ApiScopes.All.Where(s => s != scope)]),
    };
}
