using System.Text.Json.Nodes;
using TrustyTrade.IntegrationTests.Infrastructure;
using YamlDotNet.RepresentationModel;
using static TrustyTrade.IntegrationTests.Deployment.CompiledTemplate;

namespace TrustyTrade.IntegrationTests.Deployment;

/// <summary>azure.yaml (the Azure Developer CLI's manifest) and infra/main.parameters.json, which azd fills in.</summary>
public sealed class AzdManifestTests
{
    private static readonly YamlMappingNode Manifest = YamlFile.Load("azure.yaml");

    [Fact]
    public void Azd_Infra_IsInfraMainBicep()
    {
        var infra = Manifest.Child("infra");

        Assert.Equal(("bicep", "infra", "main"), (infra.Text("provider"), infra.Text("path"), infra.Text("module")));
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, "infra", "main.bicep")));
    }

    [Fact]
    public void Azd_Api_IsTheFunctionsProjectHostedOnFunctions()
    {
        var api = Manifest.Child("services").Child("api");

        Assert.Equal(("functions/TrustyTrade.Functions", "dotnet", "function"), (api.Text("project"), api.Text("language"), api.Text("host")));
    }

    [Fact]
    public void Azd_Admin_IsTheAdminWebsBuiltDistOnStaticWebApps()
    {
        var admin = Manifest.Child("services").Child("admin");

        Assert.Equal(("admin-web", "js", "staticwebapp", "dist"), (admin.Text("project"), admin.Text("language"), admin.Text("host"), admin.Text("dist")));
    }

    [Theory]
    [InlineData("api")]
    [InlineData("admin")]
    public void Azd_Service_IsTaggedOnItsAzureResource(string service)
    {
        var tagged = AllResources().Where(r => Json(r["tags"])?.Contains($"'azd-service-name', '{service}'", StringComparison.Ordinal) == true);

        Assert.Single(tagged);
    }

    [Fact]
    public void Azd_PostdeployHook_RegistersTheWebhookWithBotSetup()
    {
        var run = Manifest.Child("hooks").Child("postdeploy").Child("posix").Text("run")!;
        var script = File.ReadAllText(Path.Combine(RepositoryPaths.Root, run));

        Assert.Contains("dotnet run --project src/TrustyTrade.BotSetup", script, StringComparison.Ordinal);
    }

    [Fact]
    public void AzdParameters_SetEveryTemplateParameterWithoutADefault()
    {
        var given = ParametersFile("infra/main.parameters.json").Select(p => p.Key);
        var required = Main["parameters"]!.AsObject().Where(p => p.Value!["defaultValue"] is null).Select(p => p.Key);

        Assert.Empty(required.Except(given));
    }

    [Fact]
    public void AzdParameters_TakeEverySecretFromTheEnvironment()
    {
        var secure = Main["parameters"]!.AsObject().Where(p => Text(p.Value!["type"]) == "securestring").Select(p => p.Key);
        var parameters = ParametersFile("infra/main.parameters.json");

        Assert.All(secure, name => Assert.Matches(@"^\$\{[A-Z_]+\}$", Text(parameters[name]!["value"])));
    }

    private static JsonObject ParametersFile(string relativePath) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, relativePath)))!["parameters"]!.AsObject();
}
