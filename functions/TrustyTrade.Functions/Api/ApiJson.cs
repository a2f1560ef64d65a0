using System.Text.Json;
using System.Text.Json.Serialization;
using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Functions.Api;

/// <summary>
/// The API's JSON: camelCase, enums as camelCase strings, and strict reading — an unknown member, a missing
/// required one or a null where none is allowed is an error, not a silent default.
/// </summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        // Currencies keep their codes (XTR, USDT); every other enum is camelCase like the members.
        Converters = { new MoneyJsonConverter(), new JsonStringEnumConverter<Currency>(), new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        NumberHandling = JsonNumberHandling.Strict,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        MaxDepth = 16,
    };

    /// <summary>A value as the API shows it, for the audit log: its before and after read like the API's answers.</summary>
    public static JsonElement? Snapshot(object? value) =>
        value is null ? null : JsonSerializer.SerializeToElement(value, value.GetType(), Options);
}
