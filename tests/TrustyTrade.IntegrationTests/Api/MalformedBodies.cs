using System.Text.Json.Nodes;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary>
/// Bodies a route must refuse with a 4xx problem, never a 5xx, made from one valid body: not JSON, not an object, an
/// unknown member, each member missing, each member of the wrong type, money with a number for its amount or an
/// unknown currency, and a body far over the size limit.
/// </summary>
internal static class MalformedBodies
{
    public static TheoryData<string> From(string validJson)
    {
        var bodies = new List<string> { "{", "[]", "null", "42", "\"text\"", "{}" };
        var valid = JsonNode.Parse(validJson)!.AsObject();
        bodies.Add(With(valid, o => o["unexpected"] = 1));
        foreach (var (name, value) in valid.ToList())
        {
            bodies.Add(With(valid, o => o.Remove(name)));
            bodies.Add(With(valid, o => o[name] = value is JsonValue v && v.TryGetValue<string>(out _) ? JsonValue.Create(12) : JsonValue.Create("text")));
            if (value is JsonObject money && money.ContainsKey("amount"))
            {
                bodies.Add(With(valid, o => o[name]!["amount"] = 100));
                bodies.Add(With(valid, o => o[name]!["currency"] = "EUR"));
                bodies.Add(With(valid, o => o[name]!["amount"] = "-5"));
            }
        }

        bodies.Add(With(valid, o => o["padding"] = new string('x', 100_000)));
        return [.. bodies.Distinct(StringComparer.Ordinal)];
    }

    private static string With(JsonObject valid, Action<JsonObject> change)
    {
        var copy = valid.DeepClone().AsObject();
        change(copy);
        return copy.ToJsonString();
    }
}
