using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TrustyTrade.Core.Access.Telegram;

namespace TrustyTrade.Core.Tests.Access;

/// <summary>
/// Known-good vectors were signed at authoring time by an independent implementation (Python's hmac and hashlib,
/// following Telegram's documentation), not by the code under test; each refusal changes one thing in a good vector.
/// </summary>
public sealed class TelegramAuthVerifierTests
{
    private const string BotToken = "123456789:AAH-test_TOKEN_for_vectors";
    private const long AuthDate = 1_795_000_000; // 2026-11-18 11:06:40 UTC

    private const string WidgetHash = "f4c18761a4b42d8825404510171bd54aa19eae2bd99f0ca4bb17698156f29c79";

    /// <summary>Signed over id=12ab (not a number), first_name=Anna, auth_date.</summary>
    private const string WidgetNonNumericIdHash = "52f4c511095701b5f1663bc79ccfa679704869b41e5054e5b893cfa03c1385f3";

    private const string InitData =
        "query_id=AAHdF6IQAAAAAN0XohDhrOrc&user=%7B%22id%22%3A279058397%2C%22first_name%22%3A%22Vladislav%22%2C%22last_name%22%3A%22K%22"
        + "%2C%22username%22%3A%22vdkfrost%22%2C%22language_code%22%3A%22ru%22%2C%22is_premium%22%3Atrue%2C%22allows_write_to_pm%22%3Atrue%7D"
        + "&auth_date=1795000000&hash=db56f5c12ff7310e53eac2ae1e72d3ed6393552c03a12a4a9f13a2c914a7d105";

    /// <summary>Signed correctly, but the user's id is the JSON string "abc".</summary>
    private const string InitDataNonNumericId =
        "user=%7B%22id%22%3A%22abc%22%2C%22first_name%22%3A%22X%22%7D&auth_date=1795000000"
        + "&hash=6dff4ca847aa12dfa74825e6d8668d2acfb481eb3fd85c8ce0c2a333dee9f539";

    private static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(AuthDate);

    [Fact]
    public void VerifyLoginWidget_TelegramSignedFields_GivesTheIdentity()
    {
        var result = Verifier().VerifyLoginWidget(WidgetFields());

        Assert.Equal(new TelegramIdentity(12345678, "anna_i", "Anna", null, SignedAt), result.Identity);
    }

    [Fact]
    public void VerifyLoginWidget_FieldsInAnotherOrder_StillValid()
    {
        var result = Verifier().VerifyLoginWidget(WidgetFields().Reverse());

        Assert.True(result.IsValid);
    }

    [Fact]
    public void VerifyLoginWidget_ChangedField_BadHash()
    {
        var fields = WidgetFields().Select(f => f.Key == "id" ? KeyValuePair.Create("id", "12345679") : f);

        Assert.Equal(TelegramAuthRefusal.BadHash, Verifier().VerifyLoginWidget(fields).Refusal);
    }

    [Fact]
    public void VerifyLoginWidget_ChangedHash_BadHash()
    {
        var fields = WidgetFields().Select(f => f.Key == "hash" ? KeyValuePair.Create("hash", "0" + WidgetHash[1..]) : f);

        Assert.Equal(TelegramAuthRefusal.BadHash, Verifier().VerifyLoginWidget(fields).Refusal);
    }

    [Fact]
    public void VerifyLoginWidget_UppercaseHash_StillValid()
    {
        var fields = WidgetFields().Select(f => f.Key == "hash" ? KeyValuePair.Create("hash", WidgetHash.ToUpperInvariant()) : f);

        Assert.True(Verifier().VerifyLoginWidget(fields).IsValid);
    }

    [Fact]
    public void VerifyLoginWidget_ExtraField_BadHash()
    {
        var fields = WidgetFields().Append(KeyValuePair.Create("is_admin", "true"));

        Assert.Equal(TelegramAuthRefusal.BadHash, Verifier().VerifyLoginWidget(fields).Refusal);
    }

    [Fact]
    public void VerifyLoginWidget_MissingHash_Malformed()
    {
        var fields = WidgetFields().Where(f => f.Key != "hash");

        Assert.Equal(TelegramAuthRefusal.Malformed, Verifier().VerifyLoginWidget(fields).Refusal);
    }

    [Fact]
    public void VerifyLoginWidget_MissingAuthDate_Malformed()
    {
        var fields = WidgetFields().Where(f => f.Key != "auth_date");

        Assert.Equal(TelegramAuthRefusal.Malformed, Verifier().VerifyLoginWidget(fields).Refusal);
    }

    [Fact]
    public void VerifyLoginWidget_DuplicateField_Malformed()
    {
        var fields = WidgetFields().Append(KeyValuePair.Create("id", "12345678"));

        Assert.Equal(TelegramAuthRefusal.Malformed, Verifier().VerifyLoginWidget(fields).Refusal);
    }

    [Fact]
    public void VerifyLoginWidget_SignedNonNumericId_Malformed()
    {
        KeyValuePair<string, string>[] fields =
        [
            new("id", "12ab"), new("first_name", "Anna"), new("auth_date", "1795000000"), new("hash", WidgetNonNumericIdHash),
        ];

        Assert.Equal(TelegramAuthRefusal.Malformed, Verifier().VerifyLoginWidget(fields).Refusal);
    }

    [Fact]
    public void VerifyLoginWidget_OlderThanMaxAge_Expired()
    {
        var verifier = Verifier(now: SignedAt.AddDays(1).AddSeconds(1));

        Assert.Equal(TelegramAuthRefusal.Expired, verifier.VerifyLoginWidget(WidgetFields()).Refusal);
    }

    [Fact]
    public void VerifyLoginWidget_JustWithinMaxAge_Valid()
    {
        var verifier = Verifier(now: SignedAt.AddDays(1));

        Assert.True(verifier.VerifyLoginWidget(WidgetFields()).IsValid);
    }

    [Fact]
    public void VerifyLoginWidget_FarInTheFuture_Expired()
    {
        var verifier = Verifier(now: SignedAt.AddMinutes(-10));

        Assert.Equal(TelegramAuthRefusal.Expired, verifier.VerifyLoginWidget(WidgetFields()).Refusal);
    }

    [Fact]
    public void VerifyLoginWidget_AnotherBotsToken_BadHash()
    {
        var verifier = Verifier(token: "987654321:AAH-test_TOKEN_for_vectors");

        Assert.Equal(TelegramAuthRefusal.BadHash, verifier.VerifyLoginWidget(WidgetFields()).Refusal);
    }

    [Fact]
    public void VerifyLoginWidget_MiniAppSignature_BadHash()
    {
        // The two schemes use different keys: a Mini App's signature is no Login Widget one, and the reverse.
        var fields = Fields(InitData);

        Assert.Equal(TelegramAuthRefusal.BadHash, Verifier().VerifyLoginWidget(fields).Refusal);
    }

    [Fact]
    public void VerifyMiniAppInitData_TelegramSignedInitData_GivesTheIdentity()
    {
        var result = Verifier().VerifyMiniAppInitData(InitData);

        Assert.Equal(new TelegramIdentity(279058397, "vdkfrost", "Vladislav", "ru", SignedAt), result.Identity);
    }

    [Fact]
    public void VerifyMiniAppInitData_ChangedUser_BadHash()
    {
        var tampered = InitData.Replace("279058397", "279058398", StringComparison.Ordinal);

        Assert.Equal(TelegramAuthRefusal.BadHash, Verifier().VerifyMiniAppInitData(tampered).Refusal);
    }

    [Fact]
    public void VerifyMiniAppInitData_ChangedHash_BadHash()
    {
        var tampered = InitData.Replace("hash=db56", "hash=db57", StringComparison.Ordinal);

        Assert.Equal(TelegramAuthRefusal.BadHash, Verifier().VerifyMiniAppInitData(tampered).Refusal);
    }

    [Fact]
    public void VerifyMiniAppInitData_ExtraField_BadHash()
    {
        Assert.Equal(TelegramAuthRefusal.BadHash, Verifier().VerifyMiniAppInitData(InitData + "&start_param=admin").Refusal);
    }

    [Fact]
    public void VerifyMiniAppInitData_MissingHash_Malformed()
    {
        var withoutHash = InitData[..InitData.IndexOf("&hash=", StringComparison.Ordinal)];

        Assert.Equal(TelegramAuthRefusal.Malformed, Verifier().VerifyMiniAppInitData(withoutHash).Refusal);
    }

    [Fact]
    public void VerifyMiniAppInitData_DuplicateAuthDate_Malformed()
    {
        Assert.Equal(TelegramAuthRefusal.Malformed, Verifier().VerifyMiniAppInitData(InitData + "&auth_date=1795000000").Refusal);
    }

    [Fact]
    public void VerifyMiniAppInitData_SignedNonNumericUserId_Malformed()
    {
        Assert.Equal(TelegramAuthRefusal.Malformed, Verifier().VerifyMiniAppInitData(InitDataNonNumericId).Refusal);
    }

    [Fact]
    public void VerifyMiniAppInitData_NotAQueryString_Malformed()
    {
        Assert.Equal(TelegramAuthRefusal.Malformed, Verifier().VerifyMiniAppInitData("just some text").Refusal);
    }

    [Fact]
    public void VerifyMiniAppInitData_OlderThanMaxAge_Expired()
    {
        var verifier = Verifier(now: SignedAt.AddDays(2));

        Assert.Equal(TelegramAuthRefusal.Expired, verifier.VerifyMiniAppInitData(InitData).Refusal);
    }

    [Fact]
    public void VerifyMiniAppInitData_AnotherBotsToken_BadHash()
    {
        var verifier = Verifier(token: "123456789:AAH-another_token_entirely");

        Assert.Equal(TelegramAuthRefusal.BadHash, verifier.VerifyMiniAppInitData(InitData).Refusal);
    }

    [Fact]
    public void TelegramBotToken_ToString_HidesTheToken()
    {
        Assert.DoesNotContain("AAH", new TelegramBotToken(BotToken).ToString(), StringComparison.Ordinal);
    }

    private static TelegramAuthVerifier Verifier(string token = BotToken, DateTimeOffset? now = null) =>
        new(new TelegramBotToken(token), Options.Create(new TelegramAuthOptions()), new FakeTimeProvider(now ?? SignedAt.AddMinutes(1)));

    private static KeyValuePair<string, string>[] WidgetFields() =>
    [
        new("id", "12345678"),
        new("first_name", "Anna"),
        new("last_name", "Ivanova"),
        new("username", "anna_i"),
        new("photo_url", "https://t.me/i/userpic/320/anna.jpg"),
        new("auth_date", "1795000000"),
        new("hash", WidgetHash),
    ];

    private static KeyValuePair<string, string>[] Fields(string query) =>
        [.. query.Split('&').Select(pair => pair.Split('=', 2)).Select(p => KeyValuePair.Create(p[0], Uri.UnescapeDataString(p[1])))];
}
