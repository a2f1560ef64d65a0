using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TrustyTrade.Functions.Api.Docs;

/// <summary>
/// The API's OpenAPI 3 document: <c>base.json</c> (info, security, shared components) plus one fragment per resource
/// (<c>Api/OpenApi/*.json</c>, each with its paths and schemas), merged once. A path, operation or schema defined
/// twice is a build mistake and fails loudly.
/// </summary>
public static class OpenApiDocument
{
    private const string ResourcePrefix = "TrustyTrade.Functions.Api.OpenApi.";
    private static readonly Lazy<string> Merged = new(Merge);

    public static string Json => Merged.Value;

    private static string Merge()
    {
        var assembly = typeof(OpenApiDocument).Assembly;
        var document = Read(assembly, ResourcePrefix + "base.json");
        var paths = document["paths"]!.AsObject();
        var schemas = document["components"]!["schemas"]!.AsObject();
        foreach (var name in assembly.GetManifestResourceNames()
                     .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n != ResourcePrefix + "base.json")
                     .Order(StringComparer.Ordinal))
        {
            var fragment = Read(assembly, name);
            foreach (var (path, operations) in fragment["paths"]?.AsObject().ToList() ?? [])
            {
                var target = paths[path]?.AsObject() ?? (JsonObject)(paths[path] = new JsonObject());
                foreach (var (method, operation) in operations!.AsObject().ToList())
                {
                    AddOnce(target, method, operation, $"{name}: {method} {path}");
                }
            }

            foreach (var (schema, definition) in fragment["components"]?["schemas"]?.AsObject().ToList() ?? [])
            {
                AddOnce(schemas, schema, definition, $"{name}: schema {schema}");
            }
        }

        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    private static void AddOnce(JsonObject target, string name, JsonNode? value, string where)
    {
        if (target.ContainsKey(name))
        {
            throw new InvalidOperationException($"OpenAPI: {where} is defined twice");
        }

        target[name] = value?.DeepClone();
    }

    private static JsonObject Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"missing resource {name}");
        return JsonNode.Parse(stream)!.AsObject();
    }
}
