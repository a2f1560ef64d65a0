using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace TrustyTrade.Infrastructure.Storage;

/// <summary>
/// The Azure Storage account of the app; the Functions host's own setting is reused so there is one. Either a
/// connection string (<c>AzureWebJobsStorage</c>: Azurite, or a key) or, in Azure, the identity-based form the host
/// also reads: <c>AzureWebJobsStorage__accountName</c>, signed in with the app's managed identity (no key anywhere).
/// </summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string SectionName = "";

    [ConfigurationKeyName("AzureWebJobsStorage")]
    public string ConnectionString { get; set; } = "";

    [ConfigurationKeyName("AzureWebJobsStorage:accountName")]
    public string AccountName { get; set; } = "";

    /// <summary>A user-assigned identity's client id (<c>AzureWebJobsStorage__clientId</c>); empty for the system-assigned one.</summary>
    [ConfigurationKeyName("AzureWebJobsStorage:clientId")]
    public string ClientId { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ConnectionString.Length == 0 && AccountName.Length == 0)
        {
            yield return new ValidationResult(
                "set AzureWebJobsStorage (a connection string) or AzureWebJobsStorage__accountName (managed identity)",
                [nameof(ConnectionString), nameof(AccountName)]);
        }
    }
}
