using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Deployment;

/// <summary>
/// infra/main.bicep compiled to ARM JSON: from <c>TT_BICEP_OUT</c> (scripts/test.sh compiles it first), else compiled
/// here by scripts/compile-bicep.sh. Modules are nested deployments, each with its own template.
/// </summary>
internal static class CompiledTemplate
{
    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly Lazy<string> OutputDirectory = new(FindOrCompile);

    private static readonly Lazy<JsonObject> MainTemplate = new(() => ReadObject("main.json"));

    public static JsonObject Main => MainTemplate.Value;

    /// <summary>A compiled parameter file (infra/env/NAME.bicepparam).</summary>
    public static JsonObject Parameters(string environment) => ReadObject($"{environment}.parameters.json");

    /// <summary>The nested deployment of a module (main.bicep's module name), whose parameters main passes.</summary>
    public static JsonObject ModuleDeployment(string name) =>
        Resources(Main).Single(r => Text(r["type"]) == "Microsoft.Resources/deployments" && Text(r["name"]) == name);

    /// <summary>The template of a module.</summary>
    public static JsonObject Module(string name) =>
        ModuleDeployment(name)["properties"]!["template"]!.AsObject();

    /// <summary>Resources of a module of one type.</summary>
    public static IReadOnlyList<JsonObject> ModuleResources(string module, string type) =>
        [.. Resources(Module(module)).Where(r => Text(r["type"]) == type)];

    /// <summary>The single resource of one type in a module.</summary>
    public static JsonObject ModuleResource(string module, string type) => ModuleResources(module, type).Single();

    /// <summary>Every resource of the template and its modules, nested deployments included.</summary>
    public static IEnumerable<JsonObject> AllResources() => AllResources(Main);

    /// <summary>The value main.bicep passes to a module's parameter: a string or ARM expression as is, else its JSON.</summary>
    public static string? ModuleParameter(string module, string parameter) =>
        Json(ModuleDeployment(module)["properties"]!["parameters"]![parameter]?["value"]);

    /// <summary>A string node's text, any other node's JSON (quotes in expressions left unescaped).</summary>
    public static string? Json(JsonNode? node) => Text(node) ?? node?.ToJsonString(Unescaped);

    public static IEnumerable<JsonObject> Resources(JsonObject template) =>
        template["resources"] switch
        {
            JsonArray array => array.Select(r => r!.AsObject()),
            // languageVersion 2.0 templates name their resources.
            JsonObject named => named.Select(kv => kv.Value!.AsObject()),
            _ => [],
        };

    public static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static IEnumerable<JsonObject> AllResources(JsonObject template)
    {
        foreach (var resource in Resources(template))
        {
            yield return resource;
            if (resource["properties"] is JsonObject properties && properties["template"] is JsonObject nested)
            {
                foreach (var inner in AllResources(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    private static JsonObject ReadObject(string fileName) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(OutputDirectory.Value, fileName)))!.AsObject();

    private static string FindOrCompile()
    {
        var given = Environment.GetEnvironmentVariable("TT_BICEP_OUT");
        if (!string.IsNullOrEmpty(given) && File.Exists(Path.Combine(given, "main.json")))
        {
            return given;
        }

        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryPaths.Root, "scripts", "compile-bicep.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start scripts/compile-bicep.sh");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/compile-bicep.sh failed:{Environment.NewLine}{error.Result}");
        }

        return output.Trim().Split('\n')[^1];
    }
}
