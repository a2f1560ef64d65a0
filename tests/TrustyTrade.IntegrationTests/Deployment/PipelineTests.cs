using System.Text.RegularExpressions;
using TrustyTrade.IntegrationTests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace TrustyTrade.IntegrationTests.Deployment;

/// <summary>azure-pipelines.yml and its deployment template (infra/pipelines/deploy.yml).</summary>
public sealed partial class PipelineTests
{
    private static readonly string[] Stages = ["Build", "DeployDev", "DeployProd"];

    private static readonly YamlMappingNode Pipeline = YamlFile.Load("azure-pipelines.yml");

    private static readonly YamlMappingNode DeployTemplate = YamlFile.Load("infra/pipelines/deploy.yml");

    [Fact]
    public void Pipeline_Stages_AreBuildThenDeployDevThenDeployProd()
    {
        var stages = Pipeline.Items("stages").Select(s => s.Text("stage"));

        Assert.Equal(Stages, stages);
    }

    [Fact]
    public void Pipeline_DeployProd_FollowsDeployDev()
    {
        Assert.Equal("DeployDev", Stage("DeployProd").Text("dependsOn"));
    }

    [Fact]
    public void Pipeline_RunsForMainAndPullRequestsToMain()
    {
        Assert.Equal(["main"], Pipeline.Child("trigger").Child("branches").Items("include").Select(Scalar));
        Assert.Equal(["main"], Pipeline.Child("pr").Child("branches").Items("include").Select(Scalar));
    }

    [Fact]
    public void Build_RunsTheReadmesTestCommand()
    {
        var readmeCommand = TestCommand().Match(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"))).Groups["command"].Value;

        Assert.Contains(readmeCommand, BuildSteps().Select(s => s.Text("script")));
    }

    [Fact]
    public void Build_PublishesTheTestRunsTrxFiles_EvenWhenTestsFail()
    {
        var publish = BuildSteps().Single(s => s.Text("task") == "PublishTestResults@2");

        Assert.Equal("succeededOrFailed()", publish.Text("condition"));
        Assert.Equal("VSTest", publish.Child("inputs").Text("testResultsFormat"));
        Assert.EndsWith(".local/test-results", publish.Child("inputs").Text("searchFolder"), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_TestCommand_WritesTrxWhereTheResultsArePublished()
    {
        var testScript = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "scripts", "test.sh"));

        Assert.Matches(@"results=""\$STATE_DIR/test-results""", testScript);
        Assert.Matches(@"--results-directory ""\$results""[^\n]*\n?\s*--logger ""trx""", testScript);
    }

    [Theory]
    [InlineData("functions")]
    [InlineData("admin-web")]
    [InlineData("arm")]
    [InlineData("infra")]
    [InlineData("botsetup")]
    public void Build_PublishesArtifact(string artifact)
    {
        Assert.Contains(artifact, BuildSteps().Select(s => s.Text("artifact")));
    }

    [Theory]
    [InlineData("DeployDev", "trustytrade-dev", "env/dev.bicepparam")]
    [InlineData("DeployProd", "trustytrade-prod", "env/prod.bicepparam")]
    public void DeployStage_DeploysItsEnvironmentWithItsParameterFile(string stage, string environment, string parameters)
    {
        var template = Stage(stage).Items("jobs").Single();

        Assert.Equal("infra/pipelines/deploy.yml", template.Text("template"));
        Assert.Equal(environment, template.Child("parameters").Text("environment"));
        Assert.Equal(parameters, template.Child("parameters").Text("parametersFile"));
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, "infra", parameters)));
    }

    [Theory]
    [InlineData("DeployDev", "trustytrade-dev")]
    [InlineData("DeployProd", "trustytrade-prod")]
    public void DeployStage_TakesSecretsFromItsVariableGroup(string stage, string group)
    {
        Assert.Contains(group, Stage(stage).Items("variables").Select(v => v.Text("group")));
    }

    [Fact]
    public void DeployTemplate_IsADeploymentJobBoundToTheEnvironment()
    {
        var job = DeployTemplate.Items("jobs").Single();

        Assert.Equal("Deploy", job.Text("deployment"));
        Assert.Equal("${{ parameters.environment }}", job.Text("environment"));
    }

    [Fact]
    public void DeployTemplate_ProvisionsTheEnvironmentsBicepparamAtSubscriptionScope()
    {
        var provision = DeploySteps().Single(s => s.Child("inputs").Text("inlineScript")?.Contains("az deployment sub create", StringComparison.Ordinal) == true);

        Assert.Equal("AzureCLI@2", provision.Text("task"));
        Assert.Contains("--parameters \"$(Pipeline.Workspace)/infra/${{ parameters.parametersFile }}\"", provision.Child("inputs").Text("inlineScript"), StringComparison.Ordinal);
    }

    [Fact]
    public void DeployTemplate_DeploysTheFunctionsZipToFlexConsumption()
    {
        var deploy = DeploySteps().Single(s => s.Text("task") == "AzureFunctionApp@2").Child("inputs");

        Assert.Equal("true", deploy.Text("isFlexConsumption"));
        Assert.EndsWith("functions.zip", deploy.Text("package"), StringComparison.Ordinal);
    }

    [Fact]
    public void DeployTemplate_DeploysTheBuiltAdminPanelWithItsDeploymentToken()
    {
        var deploy = DeploySteps().Single(s => s.Text("task") == "AzureStaticWebApp@0").Child("inputs");

        Assert.Equal("true", deploy.Text("skip_app_build"));
        Assert.Equal("$(SWA_DEPLOYMENT_TOKEN)", deploy.Text("azure_static_web_apps_api_token"));
    }

    [Fact]
    public void DeployTemplate_RegistersTheTelegramWebhookWithBotSetup_AfterTheFunctionsAreDeployed()
    {
        var steps = DeploySteps().ToList();
        var register = steps.FindIndex(s => s.Text("script")?.Contains("TrustyTrade.BotSetup.dll", StringComparison.Ordinal) == true);
        var functions = steps.FindIndex(s => s.Text("task") == "AzureFunctionApp@2");

        Assert.True(register > functions, $"the webhook is registered at step {register}, the functions deployed at {functions}");
        Assert.Equal("$(FUNCTION_APP_URL)", steps[register].Child("env").Text("Telegram__PublicBaseUrl"));
    }

    [Fact]
    public void DeployTemplate_PassesSecretsOnlyThroughTheEnvironment()
    {
        var scripts = DeploySteps().Select(s => s.Text("script") ?? s.Child("inputs").Text("inlineScript") ?? "");

        Assert.DoesNotContain(scripts, s => SecretVariable().IsMatch(s));
    }

    private static YamlNode Stage(string name) => Pipeline.Items("stages").Single(s => s.Text("stage") == name);

    private static IEnumerable<YamlNode> BuildSteps() => Stage("Build").Items("jobs").Single().Items("steps");

    private static IEnumerable<YamlNode> DeploySteps() =>
        DeployTemplate.Items("jobs").Single().Child("strategy").Child("runOnce").Child("deploy").Items("steps");

    private static string? Scalar(YamlNode node) => (node as YamlScalarNode)?.Value;

    /// <summary>The README's test command: the code block under "Run the whole test suite".</summary>
    [GeneratedRegex(@"Run the whole test suite:\s*```sh\s*(?<command>[^\n]+)\n")]
    private static partial Regex TestCommand();

    /// <summary>A secret variable's macro in a script (secrets belong in env: mappings, where they stay masked).</summary>
    [GeneratedRegex(@"\$\((TELEGRAM_BOT_TOKEN|TELEGRAM_WEBHOOK_SECRET|VAULT_KEYS|API_JWT_SIGNING_KEY|METRICS_SCRAPE_KEY|CHAIN_HOT_WALLET_KEY|POSTGRES_ADMIN_PASSWORD|SWA_DEPLOYMENT_TOKEN)\)")]
    private static partial Regex SecretVariable();
}
