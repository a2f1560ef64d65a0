using System.Reflection;

namespace TrustyTrade.IntegrationTests.Infrastructure;

/// <summary>Paths the build stamped into this assembly: the repository root and the Functions app's output.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = Metadata("RepositoryRoot");

    public static string FunctionsOutput { get; } = Metadata("FunctionsOutputDirectory");

    public static string SettingsSample { get; } = Path.Combine(Root, "local.settings.sample.json");

    private static string Metadata(string key) =>
        typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"assembly metadata {key} is empty");
}
