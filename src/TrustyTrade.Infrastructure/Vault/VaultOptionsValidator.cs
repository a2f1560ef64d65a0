using Microsoft.Extensions.Options;

namespace TrustyTrade.Infrastructure.Vault;

/// <summary>Fails start-up on malformed keys, with a message that never echoes key material.</summary>
internal sealed class VaultOptionsValidator : IValidateOptions<VaultOptions>
{
    public ValidateOptionsResult Validate(string? name, VaultOptions options)
    {
        var (_, error) = VaultKeyRing.Parse(options);
        return error is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(error);
    }
}
