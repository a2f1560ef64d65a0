using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static TrustyTrade.IntegrationTests.Deployment.CompiledTemplate;

namespace TrustyTrade.IntegrationTests.Deployment;

/// <summary>infra/main.bicep compiled to ARM JSON: the resources the app needs, configured as it needs them.</summary>
public sealed partial class BicepTemplateTests
{
    private static readonly string[] KeyVaultSecretNames =
    [
        "Telegram--BotToken", "Telegram--WebhookSecret", "Vault--Keys", "Api--JwtSigningKey", "Metrics--ScrapeKey",
        "Postgres--ConnectionString", "Redis--Configuration", "Chain--HotWalletKey",
    ];

    private static readonly string[] AlertNames =
        ["payment-failures", "deals-past-deadline", "dispute-backlog", "poison-queue", "http-5xx"];

    [Fact]
    public void Template_DeploysAtSubscriptionScope_IntoItsOwnResourceGroup()
    {
        var group = AllResources().Single(r => Text(r["type"]) == "Microsoft.Resources/resourceGroups");

        Assert.Contains("subscriptionDeploymentTemplate", Text(Main["$schema"]), StringComparison.Ordinal);
        Assert.Equal("[format('rg-{0}', parameters('environmentName'))]", Text(group["name"]));
    }

    [Fact]
    public void FunctionPlan_IsFlexConsumption()
    {
        var plan = ModuleResource("functionapp", "Microsoft.Web/serverfarms");

        Assert.Equal("FC1", Text(plan["sku"]!["name"]));
        Assert.Equal("FlexConsumption", Text(plan["sku"]!["tier"]));
    }

    [Fact]
    public void FunctionApp_IsALinuxFunctionAppWithASystemAssignedIdentity()
    {
        var site = ModuleResource("functionapp", "Microsoft.Web/sites");

        Assert.Equal("functionapp,linux", Text(site["kind"]));
        Assert.Equal("SystemAssigned", Text(site["identity"]!["type"]));
    }

    [Fact]
    public void FunctionApp_RunsTheDotnetIsolatedWorkerOnDotnet10()
    {
        var runtime = ModuleResource("functionapp", "Microsoft.Web/sites")["properties"]!["functionAppConfig"]!["runtime"]!;

        Assert.Equal("dotnet-isolated", Text(runtime["name"]));
        Assert.Equal("[parameters('dotnetVersion')]", Text(runtime["version"]));
        Assert.Equal("10.0", ModuleParameter("functionapp", "dotnetVersion"));
    }

    [Fact]
    public void FunctionApp_DeploysFromABlobContainerWithItsOwnIdentity()
    {
        var storage = ModuleResource("functionapp", "Microsoft.Web/sites")["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!;

        Assert.Equal("blobContainer", Text(storage["type"]));
        Assert.Equal("SystemAssignedIdentity", Text(storage["authentication"]!["type"]));
    }

    [Theory]
    [InlineData("b7e6dc6d-f1e8-4753-8033-0f276bb0955b")] // Storage Blob Data Owner
    [InlineData("974c5e8b-45b9-4653-ba55-5f855dd0fb88")] // Storage Queue Data Contributor
    [InlineData("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3")] // Storage Table Data Contributor
    public void FunctionIdentity_IsGrantedTheStorageDataRole(string roleId)
    {
        var storageRoles = Module("functionapp")["variables"]!["storageRoles"]!.AsArray().Select(Text);
        var roles = Module("functionapp")["variables"]!["roles"]!.AsObject();
        var name = roles.Single(kv => Text(kv.Value) == roleId).Key;

        Assert.Contains($"[variables('roles').{name}]", storageRoles);
    }

    [Fact]
    public void FunctionIdentity_StorageRoles_AreAssignedOnTheStorageAccount()
    {
        var assignments = ModuleResources("functionapp", "Microsoft.Authorization/roleAssignments")
            .Single(a => Text(a["copy"]?["name"]) == "storageRoleAssignments");

        Assert.Equal("[length(variables('storageRoles'))]", Text(assignments["copy"]!["count"]));
        Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]", Text(assignments["scope"]));
    }

    [Fact]
    public void FunctionIdentity_IsAKeyVaultSecretsUser()
    {
        var assignments = ModuleResources("functionapp", "Microsoft.Authorization/roleAssignments");

        Assert.Contains(assignments, a => RoleOf(a) == "variables('roles').keyVaultSecretsUser" && Text(a["scope"])!.Contains("Microsoft.KeyVault/vaults", StringComparison.Ordinal));
    }

    [Fact]
    public void FunctionIdentity_IsAServiceBusDataSender_OnlyWhenServiceBusIsOn()
    {
        var sender = ModuleResources("functionapp", "Microsoft.Authorization/roleAssignments")
            .Single(a => RoleOf(a) == "variables('roles').serviceBusDataSender");

        Assert.Equal("[not(empty(parameters('serviceBusNamespaceName')))]", Text(sender["condition"]));
    }

    [Fact]
    public void FunctionApp_SettingsWaitForTheIdentitysRoles()
    {
        var settings = ModuleResource("functionapp", "Microsoft.Web/sites/config");
        var dependsOn = settings["dependsOn"]!.AsArray().Select(d => Text(d)!).ToList();

        // The storage roles by their loop's name, Key Vault's and Service Bus's by their ids.
        Assert.Contains("storageRoleAssignments", dependsOn);
        Assert.Equal(2, dependsOn.Count(d => d.Contains("Microsoft.Authorization/roleAssignments", StringComparison.Ordinal)));
    }

    [Fact]
    public void StorageAccount_TakesNoSharedKeys()
    {
        var account = ModuleResource("storage", "Microsoft.Storage/storageAccounts");

        Assert.False(account["properties"]!["allowSharedKeyAccess"]!.GetValue<bool>());
    }

    [Fact]
    public void StorageAccount_HasTheDeploymentContainer()
    {
        var container = ModuleResource("storage", "Microsoft.Storage/storageAccounts/blobServices/containers");

        Assert.Equal("None", Text(container["properties"]!["publicAccess"]));
    }

    [Fact]
    public void Postgres_IsAVersion16FlexibleServer()
    {
        var server = ModuleResource("postgres", "Microsoft.DBforPostgreSQL/flexibleServers");

        Assert.Equal("16", Text(server["properties"]!["version"]));
    }

    [Fact]
    public void Postgres_HasTheTrustytradeDatabase()
    {
        ModuleResource("postgres", "Microsoft.DBforPostgreSQL/flexibleServers/databases");

        Assert.Equal("trustytrade", ModuleParameter("postgres", "databaseName"));
    }

    [Fact]
    public void Postgres_FirewallAllowsAzureServices()
    {
        var rule = ModuleResource("postgres", "Microsoft.DBforPostgreSQL/flexibleServers/firewallRules")["properties"]!;

        Assert.Equal(("0.0.0.0", "0.0.0.0"), (Text(rule["startIpAddress"]), Text(rule["endIpAddress"])));
    }

    [Fact]
    public void Postgres_ConnectionStringInKeyVault_CarriesTheDatabaseAndRequiresTls()
    {
        var value = Text(ModuleResource("postgres", "Microsoft.KeyVault/vaults/secrets")["properties"]!["value"])!;

        Assert.Matches("Database=.*Password=.*SSL Mode=VerifyFull", value);
    }

    [Fact]
    public void Redis_AcceptsOnlyTls12()
    {
        var properties = ModuleResource("redis", "Microsoft.Cache/redis")["properties"]!;

        Assert.False(properties["enableNonSslPort"]!.GetValue<bool>());
        Assert.Equal("1.2", Text(properties["minimumTlsVersion"]));
    }

    [Fact]
    public void Redis_ConfigurationInKeyVault_IsTheTlsPortWithTheAccessKey()
    {
        var value = Text(ModuleResource("redis", "Microsoft.KeyVault/vaults/secrets")["properties"]!["value"])!;

        Assert.Matches(@"^\[format\('\{0\}:\{1\},password=\{2\},ssl=True,abortConnect=False', .*\.hostName, .*\.sslPort, listKeys\(", value);
    }

    [Fact]
    public void KeyVault_AuthorizesWithRbac()
    {
        var vault = ModuleResource("keyvault", "Microsoft.KeyVault/vaults");

        Assert.True(vault["properties"]!["enableRbacAuthorization"]!.GetValue<bool>());
    }

    [Fact]
    public void KeyVault_HoldsEverySecretTheAppReads()
    {
        var secrets = AllResources()
            .Where(r => Text(r["type"]) == "Microsoft.KeyVault/vaults/secrets")
            .Select(r => SecretName().Match(Text(r["name"])!).Groups["name"].Value);

        Assert.Equal(KeyVaultSecretNames.Order(StringComparer.Ordinal), secrets.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void KeyVault_SecretValues_ComeFromSecureParameters()
    {
        var values = ModuleResources("keyvault", "Microsoft.KeyVault/vaults/secrets")
            .Select(s => Text(s["properties"]!["value"])!);
        var parameters = Module("keyvault")["parameters"]!.AsObject();

        Assert.All(values, value =>
            Assert.Equal("securestring", Text(parameters[ParameterName().Match(value).Groups["name"].Value]!["type"])));
    }

    [Fact]
    public void MainTemplate_SecureParameters_HaveNoDefaultSecret()
    {
        var secure = Main["parameters"]!.AsObject().Where(p => Text(p.Value!["type"]) == "securestring").ToList();

        Assert.NotEmpty(secure);
        Assert.All(secure, p => Assert.True(string.IsNullOrEmpty(Text(p.Value!["defaultValue"])), p.Key));
    }

    [Fact]
    public void MainTemplate_Outputs_ReadNoSecret()
    {
        var secureParameters = Main["parameters"]!.AsObject()
            .Where(p => Text(p.Value!["type"]) == "securestring").Select(p => $"parameters('{p.Key}')");
        var outputs = Json(Main["outputs"])!;

        Assert.DoesNotContain(secureParameters, outputs.Contains);
        Assert.DoesNotContain("listKeys", outputs, StringComparison.Ordinal);
    }

    [Fact]
    public void StaticWebApp_IsStandard()
    {
        var site = ModuleResource("staticwebapp", "Microsoft.Web/staticSites");

        Assert.Equal("Standard", Text(site["sku"]!["name"]));
    }

    [Fact]
    public void StaticWebApp_LinksTheFunctionAppAsItsBackend()
    {
        var backend = ModuleResource("staticwebapp", "Microsoft.Web/staticSites/linkedBackends");

        Assert.Equal("[parameters('functionAppId')]", Text(backend["properties"]!["backendResourceId"]));
        Assert.Contains("'functionapp'", ModuleParameter("staticwebapp", "functionAppId"), StringComparison.Ordinal);
    }

    [Fact]
    public void ApplicationInsights_IsWorkspaceBased()
    {
        var appInsights = ModuleResource("monitoring", "Microsoft.Insights/components");

        Assert.Contains("Microsoft.OperationalInsights/workspaces", Text(appInsights["properties"]!["WorkspaceResourceId"]), StringComparison.Ordinal);
    }

    [Fact]
    public void ServiceBus_IsDeployedOnlyWhenEnabled()
    {
        var deployment = ModuleDeployment("servicebus");

        Assert.Equal("[parameters('enableServiceBus')]", Text(deployment["condition"]));
        Assert.False(Main["parameters"]!["enableServiceBus"]!["defaultValue"]!.GetValue<bool>());
    }

    [Fact]
    public void ServiceBus_Topic_DetectsDuplicateMessageIds()
    {
        var topic = ModuleResource("servicebus", "Microsoft.ServiceBus/namespaces/topics");

        Assert.True(topic["properties"]!["requiresDuplicateDetection"]!.GetValue<bool>());
        Assert.Equal("[variables('integrationEventsTopic')]", ModuleParameter("servicebus", "topicName"));
        Assert.Equal("integration-events", Text(Main["variables"]!["integrationEventsTopic"]));
    }

    [Fact]
    public void Alerts_CoverTheFiveOperationalRisks()
    {
        var rules = AlertRules().Select(r => Text(r["name"]));

        Assert.Equal(AlertNames, rules);
    }

    [Theory]
    [InlineData("payment-failures", "trustytrade.payments.failed")]
    [InlineData("deals-past-deadline", "trustytrade.deals.past_deadline")]
    [InlineData("dispute-backlog", "trustytrade.disputes.oldest_open_age")]
    [InlineData("poison-queue", "trustytrade.queue.messages")]
    [InlineData("http-5xx", "resultCode) >= 500")]
    public void Alert_QueriesWhatTheAppExports(string alert, string expected)
    {
        var query = Text(AlertRules().Single(r => Text(r["name"]) == alert)["query"]);

        Assert.Contains(expected, query, StringComparison.Ordinal);
    }

    [Fact]
    public void Alerts_AreScheduledQueryRulesThatNotifyTheActionGroup()
    {
        var rule = ModuleResource("alerts", "Microsoft.Insights/scheduledQueryRules");

        Assert.Equal("[length(variables('rules'))]", Text(rule["copy"]!["count"]));
        Assert.Contains("Microsoft.Insights/actionGroups", Json(rule["properties"]!["actions"]!["actionGroups"]), StringComparison.Ordinal);
    }

    private static IEnumerable<JsonObject> AlertRules() =>
        Module("alerts")["variables"]!["rules"]!.AsArray().Select(r => r!.AsObject());

    private static string? RoleOf(JsonObject assignment)
    {
        var id = Text(assignment["properties"]!["roleDefinitionId"]);
        var match = id is null ? null : RoleVariable().Match(id);
        return match is { Success: true } ? match.Value : null;
    }

    [GeneratedRegex(@"'(?<name>[A-Za-z0-9-]+)'\)\]$")]
    private static partial Regex SecretName();

    [GeneratedRegex(@"^\[parameters\('(?<name>\w+)'\)\]$")]
    private static partial Regex ParameterName();

    [GeneratedRegex(@"variables\('roles'\)\.\w+")]
    private static partial Regex RoleVariable();
}
