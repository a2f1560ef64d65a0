using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrustyTrade.Core;
using TrustyTrade.Functions.Health;
using TrustyTrade.Infrastructure;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Hosting;

/// <summary>
/// local.settings.sample.json lists every setting the app reads. The code reads settings only through options
/// classes with a <c>SectionName</c> (or, for a direct read, a literal key the source scan below finds).
/// </summary>
public sealed partial class SettingsSampleTests
{
    /// <summary>Settings the Functions host reads itself, not our code.</summary>
    private static readonly string[] HostSettings = ["FUNCTIONS_WORKER_RUNTIME"];

    /// <summary>
    /// The identity-based form of AzureWebJobsStorage, which infra/ sets in Azure; a local run has Azurite's connection
    /// string instead, and the host would take an empty account name beside it for the identity-based form.
    /// </summary>
    private static readonly string[] AzureOnlySettings = ["AzureWebJobsStorage:accountName", "AzureWebJobsStorage:clientId"];

    private static readonly string[] SourceFolders = ["src", "functions"];

    private static readonly Assembly[] AppAssemblies =
    [
        typeof(CoreServiceCollectionExtensions).Assembly,
        typeof(InfrastructureServiceCollectionExtensions).Assembly,
        typeof(HealthFunction).Assembly,
    ];

    [Fact]
    public void Sample_HasEveryOptionsSetting()
    {
        var missing = OptionsSettings().Except(TestConfiguration.SampleValues.Keys).Except(AzureOnlySettings);

        Assert.Empty(missing);
    }

    [Fact]
    public void Sample_HasEveryKeyReadDirectlyInSource()
    {
        var missing = DirectlyReadSettings().Except(TestConfiguration.SampleValues.Keys);

        Assert.Empty(missing);
    }

    [Fact]
    public void Sample_HasNoSettingNothingReads()
    {
        var unread = TestConfiguration.SampleValues.Keys
            .Except(OptionsSettings()).Except(DirectlyReadSettings()).Except(HostSettings);

        Assert.Empty(unread);
    }

    [Fact]
    public void Sample_PassesTheAppsStartValidation()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(TestConfiguration.SampleValues.Select(kv =>
                KeyValuePair.Create(TestConfiguration.ToConfigurationKey(kv.Key), kv.Value)))
            .Build();
        using var services = new ServiceCollection()
            .AddLogging()
            .AddTrustyTradeCore(configuration)
            .AddTrustyTradeInfrastructure(configuration)
            .BuildServiceProvider();

        var validation = Record.Exception(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Null(validation);
    }

    [Fact]
    public void OptionsSettings_FindsTheKnownOnes()
    {
        // Guards the reflection above against silently finding nothing.
        Assert.Contains("Postgres__ConnectionString", OptionsSettings());
        Assert.Contains("AzureWebJobsStorage", OptionsSettings());
    }

    /// <summary>Setting names (Section__Property) of every options class in the app's assemblies.</summary>
    private static HashSet<string> OptionsSettings() =>
    [
        .. from type in AppAssemblies.SelectMany(a => a.GetTypes())
           let section = type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)
           where type.Name.EndsWith("Options", StringComparison.Ordinal) && section is { IsLiteral: true }
           let prefix = (string)section.GetRawConstantValue()!
           from property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
           where property.CanWrite
           let name = property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? property.Name
           select prefix.Length == 0 ? name : $"{prefix}__{name}",
    ];

    /// <summary>Keys read straight from IConfiguration in product code: config["Key"], GetValue&lt;T&gt;("Key"), GetConnectionString("Key").</summary>
    private static HashSet<string> DirectlyReadSettings() =>
    [
        .. from directory in SourceFolders
           from file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, directory), "*.cs", SearchOption.AllDirectories)
           where !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
           from Match match in DirectRead().Matches(File.ReadAllText(file))
           select match.Groups["key"].Value.Replace(":", "__", StringComparison.Ordinal),
    ];

    [GeneratedRegex("""(?:[Cc]onfiguration|config)\s*(?:\[\s*"(?<key>[^"]+)"\s*\]|\.GetValue<[^>]+>\(\s*"(?<key>[^"]+)"|\.GetConnectionString\(\s*"(?<key>[^"]+)")""")]
    private static partial Regex DirectRead();
}
