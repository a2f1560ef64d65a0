using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Functions.Api;

/// <summary>
/// Money as the API writes it: <c>{"amount": "12.50", "currency": "USDT"}</c>. The amount is a decimal string so no
/// client's floating point rounds it; reading is as strict as the rest of the API (both members, nothing else, a plain
/// non-negative decimal, a known currency code).
/// </summary>
public sealed class MoneyJsonConverter : JsonConverter<Money>
{
    private const int MaxAmountLength = 40;

    public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("money is an object with amount and currency");
        }

        decimal? amount = null;
        Currency? currency = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "amount" when amount is null:
                    amount = reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 and <= MaxAmountLength } text
                        && decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
                            ? value
                            : throw new JsonException("amount is a decimal string such as \"12.50\"");
                    break;
                case "currency" when currency is null:
                    currency = reader.TokenType == JsonTokenType.String && reader.GetString() is "XTR" or "USDT"
                        ? CurrencyExtensions.Parse(reader.GetString()!)
                        : throw new JsonException("currency is XTR or USDT");
                    break;
                default:
                    throw new JsonException($"money has only amount and currency, once each (not '{name}')");
            }
        }

        return amount is { } a && currency is { } c ? new Money(a, c) : throw new JsonException("money needs both amount and currency");
    }

    public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("amount", value.Amount.ToString($"F{value.Currency.Decimals()}", CultureInfo.InvariantCulture));
        writer.WriteString("currency", value.Currency.Code());
        writer.WriteEndObject();
    }
}
