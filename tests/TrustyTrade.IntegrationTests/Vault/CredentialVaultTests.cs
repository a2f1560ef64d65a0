using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrustyTrade.Core.Vault;
using TrustyTrade.Infrastructure.Vault;

namespace TrustyTrade.IntegrationTests.Vault;

public sealed class CredentialVaultTests : IDisposable
{
    private const string Purpose = "listing-credentials:42";
    private const string Credentials = "login: hero@example.com / password: Tr0ub4dor&3";

    private static readonly string KeyA = NewKey();
    private static readonly string KeyB = NewKey();

    private readonly List<ServiceProvider> _providers = [];

    public static TheoryData<string> Plaintexts => new()
    {
        Credentials,
        "логин: герой / пароль: секрет 🔐🎮",
        "",
    };

    public static TheoryData<string> InvalidSettings => new()
    {
        "bad base64",
        "16-byte key",
        "active id missing",
        "duplicate ids",
        "bad key id",
        "no keys",
    };

    [Theory]
    [MemberData(nameof(Plaintexts))]
    public void Decrypt_SecretFromEncrypt_ReturnsPlaintext(string plaintext)
    {
        var vault = Vault("a", $"a={KeyA}");

        var secret = vault.Encrypt(plaintext, Purpose);

        Assert.Equal(plaintext, vault.Decrypt(secret, Purpose));
    }

    [Fact]
    public void Encrypt_SameTextTwice_ProducesDifferentCiphertexts()
    {
        var vault = Vault("a", $"a={KeyA}");

        var first = vault.Encrypt(Credentials, Purpose);
        var second = vault.Encrypt(Credentials, Purpose);

        Assert.NotEqual(first.Ciphertext, second.Ciphertext);
    }

    [Fact]
    public void Decrypt_SameTextEncryptedTwice_OpensBoth()
    {
        var vault = Vault("a", $"a={KeyA}");

        var first = vault.Encrypt(Credentials, Purpose);
        var second = vault.Encrypt(Credentials, Purpose);

        Assert.Equal([Credentials, Credentials], new[] { vault.Decrypt(first, Purpose), vault.Decrypt(second, Purpose) });
    }

    [Theory]
    [MemberData(nameof(Plaintexts))]
    public void Encrypt_AnyText_IsNonceThenBodyThenTag(string plaintext)
    {
        var vault = Vault("a", $"a={KeyA}");

        var secret = vault.Encrypt(plaintext, Purpose);

        Assert.Equal(12 + Encoding.UTF8.GetByteCount(plaintext) + 16, secret.Ciphertext.Length);
    }

    [Fact]
    public void Decrypt_AnySingleByteChanged_ThrowsCredentialVaultException()
    {
        var vault = Vault("a", $"a={KeyA}");
        var secret = vault.Encrypt("pw!", Purpose);

        // Every position: the nonce (0–11), the body (12–14) and the tag (15–30).
        for (var position = 0; position < secret.Ciphertext.Length; position++)
        {
            var tampered = (byte[])secret.Ciphertext.Clone();
            tampered[position] ^= 0x01;

            Assert.Throws<CredentialVaultException>(() => vault.Decrypt(secret with { Ciphertext = tampered }, Purpose));
        }
    }

    [Fact]
    public void Decrypt_TruncatedSecret_ThrowsCredentialVaultException()
    {
        var vault = Vault("a", $"a={KeyA}");
        var secret = vault.Encrypt(Credentials, Purpose);

        Assert.Throws<CredentialVaultException>(() => vault.Decrypt(secret with { Ciphertext = secret.Ciphertext[..20] }, Purpose));
    }

    [Fact]
    public void Decrypt_OtherPurpose_ThrowsCredentialVaultException()
    {
        var vault = Vault("a", $"a={KeyA}");
        var secret = vault.Encrypt(Credentials, Purpose);

        Assert.Throws<CredentialVaultException>(() => vault.Decrypt(secret, "listing-credentials:43"));
    }

    [Fact]
    public void Decrypt_SecretSealedBeforeRotation_StillOpens()
    {
        var secret = Vault("a", $"a={KeyA}").Encrypt(Credentials, Purpose);

        var rotated = Vault("b", $"a={KeyA},b={KeyB}");

        Assert.Equal(Credentials, rotated.Decrypt(secret, Purpose));
    }

    [Fact]
    public void Encrypt_AfterRotation_CarriesNewActiveKeyId()
    {
        var rotated = Vault("b", $"a={KeyA},b={KeyB}");

        var secret = rotated.Encrypt(Credentials, Purpose);

        Assert.Equal("b", secret.KeyId);
    }

    [Fact]
    public void Decrypt_KeyIdNoLongerConfigured_ThrowsCredentialVaultException()
    {
        var secret = Vault("a", $"a={KeyA}").Encrypt(Credentials, Purpose);

        var retired = Vault("b", $"b={KeyB}");

        Assert.Throws<CredentialVaultException>(() => retired.Decrypt(secret, Purpose));
    }

    [Fact]
    public void Decrypt_SecretRelabelledWithAnotherKeyId_ThrowsCredentialVaultException()
    {
        var vault = Vault("b", $"a={KeyA},b={KeyB}");
        var secret = vault.Encrypt(Credentials, Purpose);

        Assert.Throws<CredentialVaultException>(() => vault.Decrypt(secret with { KeyId = "a" }, Purpose));
    }

    [Fact]
    public void Encrypt_KeysListedWithSpaces_Works()
    {
        var vault = Vault("b", $" a={KeyA} , b={KeyB} ");

        var secret = vault.Encrypt(Credentials, Purpose);

        Assert.Equal(Credentials, vault.Decrypt(secret, Purpose));
    }

    [Fact]
    public async Task Decrypt_ManyCallersAtOnce_AllRoundTrip()
    {
        var vault = Vault("a", $"a={KeyA}");

        var opened = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() =>
        {
            var purpose = $"listing-credentials:{i}";
            return vault.Decrypt(vault.Encrypt($"secret {i}", purpose), purpose);
        })));

        Assert.Equal(Enumerable.Range(0, 64).Select(i => $"secret {i}"), opened);
    }

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void StartupValidation_InvalidSettings_ThrowsOptionsValidationException(string problem)
    {
        var (activeKeyId, keys, _) = Invalid(problem);
        var provider = Provider(activeKeyId, keys);

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
    }

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void ResolveVault_InvalidSettings_ThrowsOptionsValidationException(string problem)
    {
        var (activeKeyId, keys, _) = Invalid(problem);
        var provider = Provider(activeKeyId, keys);

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ICredentialVault>());
    }

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void StartupValidation_InvalidSettings_MessageNeverEchoesKeyMaterial(string problem)
    {
        var (activeKeyId, keys, keyMaterial) = Invalid(problem);
        var provider = Provider(activeKeyId, keys);

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.All(keyMaterial, material => Assert.DoesNotContain(material, exception.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void StartupValidation_ValidSettings_Passes()
    {
        var provider = Provider("b", $"a={KeyA},b={KeyB}");

        var exception = Record.Exception(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Null(exception);
    }

    [Fact]
    public void ToString_Secret_ShowsOnlyKeyIdAndLength()
    {
        var secret = Vault("a", $"a={KeyA}").Encrypt("pw!", Purpose);

        Assert.Equal("EncryptedSecret { KeyId = a, Length = 31 }", secret.ToString());
    }

    [Fact]
    public void ToString_Secret_NeverHoldsPlaintext()
    {
        var secret = Vault("a", $"a={KeyA}").Encrypt(Credentials, Purpose);

        Assert.DoesNotContain(Credentials, secret.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_Failures_NeverPutPlaintextOrKeyInTheException()
    {
        var vault = Vault("b", $"a={KeyA},b={KeyB}");
        var secret = vault.Encrypt(Credentials, Purpose);
        var tampered = (byte[])secret.Ciphertext.Clone();
        tampered[^1] ^= 0x01;

        var failures = new Exception?[]
        {
            Record.Exception(() => vault.Decrypt(secret, "listing-credentials:43")),
            Record.Exception(() => vault.Decrypt(secret with { Ciphertext = tampered }, Purpose)),
            Record.Exception(() => vault.Decrypt(secret with { KeyId = "a" }, Purpose)),
            Record.Exception(() => vault.Decrypt(secret with { KeyId = "gone" }, Purpose)),
        };

        Assert.All(failures, failure =>
        {
            var text = Assert.IsType<CredentialVaultException>(failure).ToString();
            Assert.DoesNotContain(Credentials, text, StringComparison.Ordinal);
            Assert.DoesNotContain(KeyA, text, StringComparison.Ordinal);
            Assert.DoesNotContain(KeyB, text, StringComparison.Ordinal);
        });
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }

    private static string NewKey(int bytes = 32) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>Settings that must fail start-up, with the key strings that must not show in the error.</summary>
    private static (string ActiveKeyId, string Keys, string[] KeyMaterial) Invalid(string problem)
    {
        var shortKey = NewKey(16);
        return problem switch
        {
            "bad base64" => ("a", "a=c2VjcmV0*not-base64!", ["c2VjcmV0*not-base64!", "c2VjcmV0"]),
            "16-byte key" => ("a", $"a={shortKey}", [shortKey]),
            "active id missing" => ("c", $"a={KeyA},b={KeyB}", [KeyA, KeyB]),
            "duplicate ids" => ("a", $"a={KeyA},a={KeyB}", [KeyA, KeyB]),
            "bad key id" => ("a b", $"a b={KeyA}", [KeyA]),
            "no keys" => ("a", "", []),
            _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, "unknown case"),
        };
    }

    private ICredentialVault Vault(string activeKeyId, string keys) =>
        Provider(activeKeyId, keys).GetRequiredService<ICredentialVault>();

    private ServiceProvider Provider(string activeKeyId, string keys)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{VaultOptions.SectionName}:{nameof(VaultOptions.ActiveKeyId)}"] = activeKeyId,
                [$"{VaultOptions.SectionName}:{nameof(VaultOptions.Keys)}"] = keys,
            })
            .Build();
        var provider = new ServiceCollection().AddLogging().AddCredentialVault(configuration).BuildServiceProvider();
        _providers.Add(provider);
        return provider;
    }
}
