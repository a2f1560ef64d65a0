using System.Globalization;
using System.Text.Json;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary>An HTTP-triggered function as the generated functions.metadata declares it: its route, methods and method.</summary>
public sealed record HttpRoute(string Function, string EntryPoint, string Template, IReadOnlyList<string> Methods)
{
    /// <summary>Every HTTP route of the app, read from the build output the Functions host would load.</summary>
    public static IReadOnlyList<HttpRoute> All { get; } = Read();

    /// <summary>The route's template with its parameters' constraints removed, as OpenAPI writes paths: <c>/users/{id}</c>.</summary>
    public string OpenApiPath => "/" + string.Join('/', Template.Split('/').Select(s => s.StartsWith('{') ? s.Split(':')[0].TrimEnd('}') + "}" : s));

    /// <summary>Route values when <paramref name="path"/> (without <c>/api/</c>) fits the template, else null.</summary>
    public IReadOnlyDictionary<string, string>? Match(string path)
    {
        var parts = path.Split('/');
        var template = Template.Split('/');
        if (parts.Length != template.Length)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < parts.Length; i++)
        {
            if (!template[i].StartsWith('{'))
            {
                if (!string.Equals(template[i], parts[i], StringComparison.OrdinalIgnoreCase))
                {
                    return null;
                }

                continue;
            }

            var parameter = template[i].Trim('{', '}').Split(':');
            if (parameter.Length > 1 && parameter[1] == "long" && !long.TryParse(parts[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            {
                return null;
            }

            values[parameter[0]] = parts[i];
        }

        return values;
    }

    private static HttpRoute[] Read()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.FunctionsOutput, "functions.metadata")));
        return
        [
            .. from function in document.RootElement.EnumerateArray()
               from binding in function.GetProperty("bindings").EnumerateArray()
               where binding.GetProperty("type").GetString() == "httpTrigger"
               select new HttpRoute(
                   function.GetProperty("name").GetString()!,
                   function.GetProperty("entryPoint").GetString()!,
                   binding.GetProperty("route").GetString()!,
                   [.. binding.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant())]),
        ];
    }
}
