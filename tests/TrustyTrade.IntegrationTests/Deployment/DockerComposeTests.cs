using System.Data.Common;
using TrustyTrade.IntegrationTests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace TrustyTrade.IntegrationTests.Deployment;

/// <summary>docker-compose.yml: the local services in containers, matching local.settings.sample.json.</summary>
public sealed class DockerComposeTests
{
    private static readonly string[] ServiceNames = ["postgres", "redis", "azurite", "ganache"];

    private static readonly YamlMappingNode Compose = YamlFile.Load("docker-compose.yml");

    [Fact]
    public void Compose_RunsPostgresRedisAzuriteAndGanache()
    {
        Assert.Equal(ServiceNames, Compose.Keys("services"));
    }

    [Theory]
    [InlineData("postgres", "5432")]
    [InlineData("redis", "6379")]
    [InlineData("azurite", "10000")]
    [InlineData("azurite", "10001")]
    [InlineData("azurite", "10002")]
    [InlineData("ganache", "8545")]
    public void Compose_Service_PublishesItsPortOnLoopback(string service, string port)
    {
        var ports = Compose.Child("services").Child(service).Items("ports").OfType<YamlScalarNode>().Select(p => p.Value);

        Assert.Contains($"127.0.0.1:{port}:{port}", ports);
    }

    [Fact]
    public void Compose_Postgres_HasTheSampleSettingsCredentials()
    {
        var sample = new DbConnectionStringBuilder { ConnectionString = TestConfiguration.SampleValues["Postgres__ConnectionString"] };
        var environment = Compose.Child("services").Child("postgres").Child("environment");

        Assert.Equal(
            (sample["Username"], sample["Password"], sample["Database"]),
            (environment.Text("POSTGRES_USER"), environment.Text("POSTGRES_PASSWORD"), environment.Text("POSTGRES_DB")));
    }

    [Fact]
    public void Compose_Postgres_IsVersion16()
    {
        Assert.Equal("postgres:16", Compose.Child("services").Child("postgres").Text("image"));
    }

    [Fact]
    public void Compose_Ganache_IsTheDeterministicChain1337()
    {
        var command = Compose.Child("services").Child("ganache").Items("command").OfType<YamlScalarNode>().Select(c => c.Value).ToList();

        Assert.Contains("--wallet.deterministic", command);
        Assert.Equal("1337", command[command.IndexOf("--chain.chainId") + 1]);
    }
}
