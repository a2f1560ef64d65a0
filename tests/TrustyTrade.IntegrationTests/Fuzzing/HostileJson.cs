using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace TrustyTrade.IntegrationTests.Fuzzing;

/// <summary>
/// Turns a valid JSON body into a hostile one, deterministically from its <see cref="Random"/>: members dropped,
/// duplicated or added, values of another type, numbers that overflow, very long strings, unicode edge cases (NUL,
/// lone surrogates, RTL marks, emoji), deep nesting, then sometimes the text itself broken (truncated, a byte flipped,
/// invalid UTF-8, trailing garbage).
/// </summary>
internal sealed class HostileJson(Random random)
{
    private const string Marker = "@@raw";

    // Raw JSON texts, some of which JsonNode could not hold (numbers beyond any .NET type, escaped lone surrogates).
    private static readonly string[] Numbers =
    [
        "0", "-1", "1", "-0", "1.5", "1e400", "-1e400", "1e-400", "2147483648", "4294967296", "9007199254740993",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
        "123456789012345678901234567890", "0.000001", "1E+2",
    ];

    private static readonly string[] Strings =
    [
        "\"\"", "\" \"", "\"a\\u0000b\"", "\"\\u0000\"", "\"\\ud800\"", "\"x\\udc00\"", "\"\\udbff\\udfff\"",
        "\"\\u202Eevil\\u202C\"", "\"مرحبا\"", "\"👨‍👩‍👧‍👦🔥\"", "\"\\uFEFF\"", "\"é\"", "\"\\n\\r\\t\"", "\"/start\"",
        "\"/start l1\"", "\"/start l99999999999999999999\"", "\"-1\"", "\"1e400\"", "\"NaN\"", "\"null\"", "\"<script>\"",
        "\"'; DROP TABLE users; --\"", "\"%00\"", "\"../../etc/passwd\"", "\"deal:1\"", "\"XTR\"", "\"USDT\"",
        "\"2026-13-45T99:99:99Z\"", "\"0x\"",
    ];

    private static readonly string[] Others =
    [
        "null", "true", "false", "{}", "[]", "[null]", "{\"a\":[1,{\"b\":null}]}", "[1,\"2\",{}]", "{\"\":\"\"}",
    ];

    private readonly List<string> _raw = [];

    public Random Random { get; } = random;

    /// <summary>One hostile body from <paramref name="valid"/> (left as it is).</summary>
    public byte[] Mutate(JsonNode valid)
    {
        ArgumentNullException.ThrowIfNull(valid);
        _raw.Clear();
        var copy = valid.DeepClone();
        var rounds = Random.Next(1, 4);
        for (var i = 0; i < rounds; i++)
        {
            copy = MutateNode(copy);
        }

        var text = copy.ToJsonString();
        for (var i = _raw.Count - 1; i >= 0; i--)
        {
            text = text.Replace($"\"{Marker}{i.ToString(CultureInfo.InvariantCulture)}@@\"", _raw[i], StringComparison.Ordinal);
        }

        return Random.Next(5) == 0 ? BreakText(text) : Encoding.UTF8.GetBytes(text);
    }

    /// <summary>A raw JSON text in place of a value (anything the writer would refuse or change).</summary>
    public JsonNode Raw(string json)
    {
        _raw.Add(json);
        return JsonValue.Create($"{Marker}{(_raw.Count - 1).ToString(CultureInfo.InvariantCulture)}@@");
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[Random.Next(items.Count)];

    /// <summary>A hostile value of any kind.</summary>
    public JsonNode? AnyValue() => Random.Next(7) switch
    {
        0 => Raw(Pick(Numbers)),
        1 => Raw(Pick(Strings)),
        2 => Raw(Pick(Others)),
        3 => JsonValue.Create(LongString()),
        4 => Raw(DeepNesting()),
        5 => JsonValue.Create(Random.NextInt64(long.MinValue, long.MaxValue)),
        _ => null,
    };

    public string LongString() => new(
        (char)Random.Next('a', 'z' + 1),
        Pick([256, 257, 4_096, 4_097, 65_536, Random.Next(1, 40_000)]));

    private string DeepNesting()
    {
        var depth = Pick([63, 64, 65, 1_000, 10_000]);
        return Random.Next(2) == 0
            ? new string('[', depth) + new string(']', depth)
            : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
    }

    private JsonNode MutateNode(JsonNode root)
    {
        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        var target = Pick(nodes);
        if (target == root)
        {
            return Random.Next(4) == 0 ? AnyValue() ?? JsonValue.Create(0)! : AddMember(root);
        }

        var parent = target.Parent!;
        switch (Random.Next(5))
        {
            case 0:
                Remove(parent, target);
                break;
            case 1:
                AddMember(parent);
                break;
            case 2:
                // The same value twice: in an array an extra element, in an object the value wrapped in an array.
                Replace(parent, target, parent is JsonArray ? target.DeepClone() : new JsonArray(target.DeepClone()), duplicate: parent is JsonArray);
                break;
            default:
                Replace(parent, target, AnyValue(), duplicate: false);
                break;
        }

        return root;
    }

    private JsonNode AddMember(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                o[Pick(["unexpected", "update_id", "id", "__proto__", "", "a\u0000b", "💥"]) + (o.Count % 3).ToString(CultureInfo.InvariantCulture)] = AnyValue();
                break;
            case JsonArray a:
                a.Add(AnyValue());
                break;
        }

        return node;
    }

    private static void Remove(JsonNode parent, JsonNode target)
    {
        if (parent is JsonObject o)
        {
            o.Remove(target.GetPropertyName());
        }
        else if (parent is JsonArray a)
        {
            a.RemoveAt(target.GetElementIndex());
        }
    }

    private static void Replace(JsonNode parent, JsonNode target, JsonNode? value, bool duplicate)
    {
        if (parent is JsonObject o)
        {
            o[target.GetPropertyName()] = value;
        }
        else if (parent is JsonArray a)
        {
            var index = target.GetElementIndex();
            if (duplicate)
            {
                a.Insert(index, value);
            }
            else
            {
                a[index] = value;
            }
        }
    }

    private static void Collect(JsonNode? node, List<JsonNode> into)
    {
        if (node is null)
        {
            return;
        }

        into.Add(node);
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, child) in o)
                {
                    Collect(child, into);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Collect(child, into);
                }

                break;
        }
    }

    private byte[] BreakText(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        switch (Random.Next(8))
        {
            case 0:
                return bytes[..Random.Next(bytes.Length + 1)];
            case 1 when bytes.Length > 0:
                bytes[Random.Next(bytes.Length)] = (byte)Random.Next(256);
                return bytes;
            case 2:
                var at = Random.Next(bytes.Length + 1);
                byte[] invalid = Pick<byte[]>([[0xC3, 0x28], [0xFF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0x00]]);
                return [.. bytes[..at], .. invalid, .. bytes[at..]];
            case 3:
                // A duplicate key right after the first brace: the parser sees a member twice.
                var brace = text.IndexOf('{', StringComparison.Ordinal);
                return brace < 0 ? bytes : Encoding.UTF8.GetBytes(text.Insert(brace + 1, $"\"{Pick(["update_id", "message", "callback_query", "amount", "price", "from"])}\":{Pick(Numbers)},"));
            case 4:
                return [.. "\uFEFF"u8.ToArray(), .. bytes, .. Encoding.UTF8.GetBytes(Pick(["", "}", ",", " ", "\n{}", "null"]))];
            case 5:
                return Encoding.UTF8.GetBytes(Pick(["", " ", "[]", "null", "\"x\"", "42", "{", "}", "{\"", "{}"]));
            case 6:
                return Encoding.UTF8.GetBytes(text.Replace("\"", "'", StringComparison.Ordinal));
            default:
                return [.. bytes, .. bytes];
        }
    }
}
