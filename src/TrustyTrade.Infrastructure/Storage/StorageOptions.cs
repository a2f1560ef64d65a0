using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace TrustyTrade.Infrastructure.Storage;

/// <summary>The Azure Storage account of the app; the Functions host's own setting is reused so there is one.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "";

    [Required]
    [ConfigurationKeyName("AzureWebJobsStorage")]
    public string ConnectionString { get; set; } = "";
}
