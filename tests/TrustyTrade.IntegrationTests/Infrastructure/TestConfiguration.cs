using System.Text.Json;
using Microsoft.Extensions.Configuration;
using TrustyTrade.Infrastructure.Persistence;

namespace TrustyTrade.IntegrationTests.Infrastructure;

/// <summary>
/// The app's settings as tests see them: local.settings.sample.json's Values, overridden by environment
/// variables (scripts/test.sh points Postgres at the test database), then by each test's own overrides.
/// </summary>
internal static class TestConfiguration
{
    public static IReadOnlyDictionary<string, string?> SampleValues { get; } = ReadSampleValues();

    /// <summary>The test database's connection string.</summary>
    public static string PostgresConnectionString =>
        Build()[$"{PostgresOptions.SectionName}:{nameof(PostgresOptions.ConnectionString)}"]
        ?? throw new InvalidOperationException("Postgres__ConnectionString is not set");

    public static IConfiguration Build(IReadOnlyDictionary<string, string?>? overrides = null) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(SampleValues.Select(kv => KeyValuePair.Create(ToConfigurationKey(kv.Key), kv.Value)))
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>())
            .Build();

    /// <summary>Environment-style keys (Section__Name) are configuration paths (Section:Name).</summary>
    public static string ToConfigurationKey(string settingName) => settingName.Replace("__", ":", StringComparison.Ordinal);

    private static Dictionary<string, string?> ReadSampleValues()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.SettingsSample));
        return document.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString(), StringComparer.Ordinal);
    }
}
