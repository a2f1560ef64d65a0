using System.Text.Json.Nodes;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary>
/// Bodies a route must refuse with a 4xx problem, never a 5xx, made member by member from one valid body: each member
/// missing, each of the wrong type, money with a negative amount or an unknown currency. (Bodies that are broken as a
/// whole — not JSON, not an object, too large — are sent to every route by <see cref="MalformedBodyTests"/>.)
/// </summary>
internal static class MalformedBodies
{
    public static TheoryData<string> From(string validJson)
    {
        var bodies = new List<string>();
        var valid = JsonNode.Parse(validJson)!.AsObject();
        foreach (var (name, value) in valid.ToList())
        {
            bodies.Add(With(valid, o => o.Remove(name)));
            bodies.Add(With(valid, o => o[name] = value is JsonValue v && v.TryGetValue<string>(out _) ? JsonValue.Create(12) : JsonValue.Create("text")));
            if (value is JsonObject money && money.ContainsKey("amount"))
            {
                bodies.Add(With(valid, o => o[name]!["currency"] = "EUR"));
                bodies.Add(With(valid, o => o[name]!["amount"] = "-5"));
            }
        }

        return [.. bodies.Distinct(StringComparer.Ordinal)];
    }

    private static string With(JsonObject valid, Action<JsonObject> change)
    {
        var copy = valid.DeepClone().AsObject();
        change(copy);
        return copy.ToJsonString();
    }
}
