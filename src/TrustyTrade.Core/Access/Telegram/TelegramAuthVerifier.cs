using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace TrustyTrade.Core.Access.Telegram;

/// <summary>
/// Checks sign-in data that Telegram signed with our bot's token, as Telegram documents it: the Login Widget's fields
/// (key SHA-256(token)) and a Mini App's initData (key HMAC-SHA-256("WebAppData", token)). Either way the signed text
/// is every field but <c>hash</c>, sorted by name, as <c>name=value</c> lines.
/// </summary>
public sealed class TelegramAuthVerifier
{
    /// <summary>Far more than Telegram ever sends; bounds the work an anonymous caller can ask for.</summary>
    public const int MaxInitDataLength = 16 * 1024;

    private const string HashField = "hash";
    private const string AuthDateField = "auth_date";
    private const int HashHexLength = SHA256.HashSizeInBytes * 2;
    private const long MaxUnixSeconds = 253_402_300_799; // 9999-12-31, DateTimeOffset's end

    private readonly byte[] _loginWidgetKey;
    private readonly byte[] _miniAppKey;
    private readonly TelegramAuthOptions _options;
    private readonly TimeProvider _time;

    public TelegramAuthVerifier(TelegramBotToken token, IOptions<TelegramAuthOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(options);
        var tokenBytes = Encoding.UTF8.GetBytes(token.Value);
        // Only the derived keys are kept: the token itself is not needed again.
        _loginWidgetKey = SHA256.HashData(tokenBytes);
        _miniAppKey = HMACSHA256.HashData("WebAppData"u8, tokenBytes);
        _options = options.Value;
        _time = time;
    }

    /// <summary>
    /// The Login Widget's fields as received (the redirect's query parameters or the JS callback's object), hash
    /// included. Fields Telegram may add later are signed too, so they take part in the check.
    /// </summary>
    public TelegramAuthResult VerifyLoginWidget(IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return Verify(fields, _loginWidgetKey, static data =>
            TryParseId(data.GetValueOrDefault("id"), out var id)
                ? new TelegramIdentity(id, data.GetValueOrDefault("username"), data.GetValueOrDefault("first_name"), null, default)
                : null);
    }

    /// <summary>A Mini App's <c>Telegram.WebApp.initData</c>: the URL-encoded query string, as the app sent it.</summary>
    public TelegramAuthResult VerifyMiniAppInitData(string initData)
    {
        if (string.IsNullOrEmpty(initData) || initData.Length > MaxInitDataLength || ParseQuery(initData) is not { } fields)
        {
            return TelegramAuthResult.Refused(TelegramAuthRefusal.Malformed);
        }

        return Verify(fields, _miniAppKey, static data => data.TryGetValue("user", out var user) ? ParseUser(user) : null);
    }

    private TelegramAuthResult Verify(
        IEnumerable<KeyValuePair<string, string>> fields,
        byte[] key,
        Func<IReadOnlyDictionary<string, string>, TelegramIdentity?> identify)
    {
        var data = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in fields)
        {
            if (name is null || value is null || !data.TryAdd(name, value))
            {
                return TelegramAuthResult.Refused(TelegramAuthRefusal.Malformed);
            }
        }

        if (!data.Remove(HashField, out var hash)
            || hash.Length != HashHexLength
            || !hash.All(char.IsAsciiHexDigit)
            || !data.TryGetValue(AuthDateField, out var authDateText)
            || !long.TryParse(authDateText, NumberStyles.None, CultureInfo.InvariantCulture, out var authDateSeconds)
            || authDateSeconds > MaxUnixSeconds)
        {
            return TelegramAuthResult.Refused(TelegramAuthRefusal.Malformed);
        }

        var dataCheckString = string.Join('\n', data.Select(field => field.Key + "=" + field.Value));
        var expected = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(dataCheckString));
        if (!CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(hash)))
        {
            return TelegramAuthResult.Refused(TelegramAuthRefusal.BadHash);
        }

        if (identify(data) is not { } identity)
        {
            return TelegramAuthResult.Refused(TelegramAuthRefusal.Malformed);
        }

        var authDate = DateTimeOffset.FromUnixTimeSeconds(authDateSeconds);
        var now = _time.GetUtcNow();
        if (now - authDate > TimeSpan.FromSeconds(_options.MaxAgeSeconds) || authDate - now > TimeSpan.FromSeconds(_options.MaxClockSkewSeconds))
        {
            return TelegramAuthResult.Refused(TelegramAuthRefusal.Expired);
        }

        return TelegramAuthResult.Valid(identity with { AuthDate = authDate });
    }

    /// <summary>Name/value pairs of a query string, decoded as browsers encode forms ('+' is a space); null when a pair has no '='.</summary>
    private static List<KeyValuePair<string, string>>? ParseQuery(string query)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                return null;
            }

            pairs.Add(KeyValuePair.Create(Decode(pair[..separator]), Decode(pair[(separator + 1)..])));
        }

        return pairs;
    }

    private static string Decode(string component) => Uri.UnescapeDataString(component.Replace('+', ' '));

    private static bool TryParseId(string? text, out long id) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;

    /// <summary>The Mini App's <c>user</c> field: JSON with a numeric id; null when it is not.</summary>
    private static TelegramIdentity? ParseUser(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var user = document.RootElement;
            return user.ValueKind == JsonValueKind.Object
                && user.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out var telegramId) && telegramId > 0
                ? new TelegramIdentity(telegramId, Text(user, "username"), Text(user, "first_name"), Text(user, "language_code"), default)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement user, string name) =>
        user.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
