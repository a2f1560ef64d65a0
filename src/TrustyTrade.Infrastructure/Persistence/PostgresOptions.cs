using System.ComponentModel.DataAnnotations;

namespace TrustyTrade.Infrastructure.Persistence;

public sealed class PostgresOptions
{
    public const string SectionName = "Postgres";

    /// <summary>Npgsql connection string of the TrustyTrade database.</summary>
    [Required]
    public string ConnectionString { get; set; } = "";

    /// <summary>Whether the app applies pending migrations when it starts (the run command and tests always do).</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
