using System.ComponentModel.DataAnnotations;

namespace TrustyTrade.Infrastructure.Vault;

/// <summary>The vault's keys: "keyId=base64(32 bytes),keyId2=…" (a Key Vault reference in Azure) and the one that seals.</summary>
public sealed class VaultOptions
{
    public const string SectionName = "Vault";

    /// <summary>The key new secrets are sealed with; older keys stay in <see cref="Keys"/> to open old secrets.</summary>
    [Required]
    public string ActiveKeyId { get; set; } = "";

    [Required]
    public string Keys { get; set; } = "";
}
