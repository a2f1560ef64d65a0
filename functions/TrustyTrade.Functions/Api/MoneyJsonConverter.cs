using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Functions.Api;

/// <summary>
/// Money as <c>{"amount": "12.50", "currency": "USDT"}</c>: the amount is a decimal string, so no client's float
/// parser rounds it; a number is accepted on input. Anything else (other members, unknown currency) is refused.
/// </summary>
public sealed class MoneyJsonConverter : JsonConverter<Money>
{
    public const decimal MaxAmount = 1_000_000_000_000m;

    public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("money must be an object with amount and currency");
        }

        decimal? amount = null;
        Currency? currency = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "amount" when amount is null:
                    amount = reader.TokenType switch
                    {
                        JsonTokenType.Number => reader.GetDecimal(),
                        JsonTokenType.String when decimal.TryParse(reader.GetString(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed) => parsed,
                        _ => throw new JsonException("amount must be a decimal number"),
                    };
                    break;
                case "currency" when currency is null:
                    currency = reader.TokenType == JsonTokenType.String && Enum.TryParse<Currency>(reader.GetString(), ignoreCase: false, out var code)
                                                                        && Enum.IsDefined(code)
                        ? code
                        : throw new JsonException($"currency must be one of {string.Join(", ", Enum.GetNames<Currency>())}");
                    break;
                default:
                    throw new JsonException($"money has no member '{name}', or it is given twice");
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || amount is not { } a || currency is not { } c)
        {
            throw new JsonException("money needs both amount and currency");
        }

        // Far above any price or balance, and small enough that no conversion (Stars to USDT units) can overflow.
        return Math.Abs(a) <= MaxAmount ? new Money(a, c) : throw new JsonException("amount is out of range");
    }

    public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        // Without the trailing zeros numeric(20, 6) leaves: 300, not 300.000000.
        writer.WriteString("amount", value.Amount.ToString("0.##########################", CultureInfo.InvariantCulture));
        writer.WriteString("currency", value.Currency.ToString());
        writer.WriteEndObject();
    }
}
