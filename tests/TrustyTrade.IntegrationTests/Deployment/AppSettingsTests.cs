using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TrustyTrade.IntegrationTests.Infrastructure;
using static TrustyTrade.IntegrationTests.Deployment.CompiledTemplate;

namespace TrustyTrade.IntegrationTests.Deployment;

/// <summary>
/// The function app's settings in Azure (infra/modules/functionapp.bicep: infra/app-settings.json, the platform's
/// values and Key Vault references): every setting the app reads is set, and every secret comes from Key Vault.
/// </summary>
public sealed partial class AppSettingsTests
{
    /// <summary>
    /// Sample settings not set in Azure: the Flex plan takes the worker runtime from functionAppConfig (and refuses the
    /// setting), and storage is identity-based (AzureWebJobsStorage__accountName) instead of a connection string.
    /// </summary>
    private static readonly string[] HostLocalSettings = ["FUNCTIONS_WORKER_RUNTIME", "AzureWebJobsStorage"];

    public static TheoryData<string> Secrets { get; } =
    [
        "Telegram__BotToken", "Telegram__WebhookSecret", "Vault__Keys", "Api__JwtSigningKey", "Postgres__ConnectionString",
        "Redis__Configuration", "Chain__HotWalletKey", "Metrics__ScrapeKey",
    ];

    [Fact]
    public void AppSettings_SetEverySampleSetting_ButTheHostLocalOnes()
    {
        var missing = TestConfiguration.SampleValues.Keys.Except(HostLocalSettings).Except(SettingNames());

        Assert.Empty(missing);
    }

    [Theory]
    [InlineData("Metrics__ScrapeKey")]
    [InlineData("IntegrationEvents__ServiceBusNamespace")]
    [InlineData("IntegrationEvents__Topic")]
    [InlineData("IntegrationEvents__RetentionDays")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT")]
    [InlineData("APPLICATIONINSIGHTS_CONNECTION_STRING")]
    [InlineData("AzureWebJobsStorage__accountName")]
    public void AppSettings_SetTheDeploymentsOwnSetting(string setting)
    {
        Assert.Contains(setting, SettingNames());
    }

    [Fact]
    public void AppSettings_LeaveOutTheHostLocalSettings()
    {
        Assert.Empty(SettingNames().Intersect(HostLocalSettings));
    }

    [Theory]
    [MemberData(nameof(Secrets))]
    public void AppSettings_Secret_IsAKeyVaultReference(string secret)
    {
        var reference = new Regex($@"'{secret}', (if\([^,]+, )?format\('@Microsoft\.KeyVault\(SecretUri=");

        Assert.Matches(reference, SettingsExpression());
    }

    [Theory]
    [MemberData(nameof(Secrets))]
    public void AppSettingsFile_HasNoSecret(string secret)
    {
        Assert.DoesNotContain(secret, SettingsFile().Select(kv => kv.Key));
    }

    [Fact]
    public void AppSettings_PublicBaseUrl_IsTheFunctionAppsHttpsHost()
    {
        Assert.Contains(
            "'Telegram__PublicBaseUrl', format('https://{0}', reference(resourceId('Microsoft.Web/sites', parameters('functionAppName'))",
            SettingsExpression(),
            StringComparison.Ordinal);
    }

    [Fact]
    public void AppSettings_TelegramApi_IsTelegramsServer()
    {
        Assert.Equal("https://api.telegram.org", Text(SettingsFile()["Telegram__ApiBaseUrl"]));
    }

    [Fact]
    public void AppSettings_EnvironmentsOverrides_WinOverTheFileDefaults()
    {
        var settings = Text(ModuleDeployment("functionapp")["properties"]!["parameters"]!["settings"]!["value"]);

        // union() takes the last object's value for a key both have.
        Assert.Matches(@"^\[union\(variables\('[^']+'\), parameters\('appSettings'\)\)\]$", settings);
    }

    /// <summary>Every setting name: the file's (main.bicep's variable) and the module's own (the union expression).</summary>
    private static HashSet<string> SettingNames() =>
        [.. SettingsFile().Select(kv => kv.Key), .. ExpressionKey().Matches(SettingsExpression()).Select(m => m.Groups["key"].Value)];

    /// <summary>infra/app-settings.json as main.bicep loaded it (loadJsonContent inlines it as a variable).</summary>
    private static JsonObject SettingsFile() => Main["variables"]![SettingsFileVariable()]!.AsObject();

    private static string SettingsFileVariable()
    {
        var value = Text(ModuleDeployment("functionapp")["properties"]!["parameters"]!["settings"]!["value"])!;
        return FileVariable().Match(value).Groups["name"].Value;
    }

    /// <summary>The sites/config appsettings resource's value: union(settings, platform settings, Key Vault references).</summary>
    private static string SettingsExpression() =>
        Text(ModuleResource("functionapp", "Microsoft.Web/sites/config")["properties"])!;

    [GeneratedRegex(@"variables\('(?<name>[^']+)'\)")]
    private static partial Regex FileVariable();

    [GeneratedRegex(@"'(?<key>[A-Za-z_]+)', ")]
    private static partial Regex ExpressionKey();
}
