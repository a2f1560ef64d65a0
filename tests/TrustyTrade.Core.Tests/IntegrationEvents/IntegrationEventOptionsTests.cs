using System.ComponentModel.DataAnnotations;
using TrustyTrade.Core.IntegrationEvents;

namespace TrustyTrade.Core.Tests.IntegrationEvents;

/// <summary>What the IntegrationEvents settings accept at start.</summary>
public sealed class IntegrationEventOptionsTests
{
    [Theory]
    [InlineData("")]
    [InlineData("trustytrade-prod.servicebus.windows.net")]
    public void Namespace_EmptyOrAHostName_IsValid(string serviceBusNamespace) =>
        Assert.True(IsValid(new IntegrationEventOptions { ServiceBusNamespace = serviceBusNamespace }));

    [Theory]
    [InlineData("https://trustytrade-prod.servicebus.windows.net/")]
    [InlineData("Endpoint=sb://trustytrade-prod.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=s")]
    [InlineData("trustytrade-prod")]
    public void Namespace_NotAHostName_IsRefused(string serviceBusNamespace) =>
        Assert.False(IsValid(new IntegrationEventOptions { ServiceBusNamespace = serviceBusNamespace }));

    [Theory]
    [InlineData("")]
    [InlineData("integration events")]
    public void Topic_EmptyOrNotAnEntityName_IsRefused(string topic) =>
        Assert.False(IsValid(new IntegrationEventOptions { Topic = topic }));

    [Theory]
    [InlineData(0)]
    [InlineData(366)]
    public void RetentionDays_OutOfRange_IsRefused(int days) =>
        Assert.False(IsValid(new IntegrationEventOptions { RetentionDays = days }));

    [Fact]
    public void IsPublishing_OnlyWithANamespace() =>
        Assert.Equal(
            (false, true),
            (new IntegrationEventOptions().IsPublishing, new IntegrationEventOptions { ServiceBusNamespace = "a.servicebus.windows.net" }.IsPublishing));

    private static bool IsValid(IntegrationEventOptions options) =>
        Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true);
}
