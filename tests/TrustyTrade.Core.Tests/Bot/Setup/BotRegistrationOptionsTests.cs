using System.ComponentModel.DataAnnotations;
using TrustyTrade.Core.Bot.Setup;

namespace TrustyTrade.Core.Tests.Bot.Setup;

public sealed class BotRegistrationOptionsTests
{
    [Theory]
    [InlineData("https://trustytrade.azurewebsites.net")]
    [InlineData("https://trustytrade.azurewebsites.net/")]
    [InlineData("https://bot.example.com:8443/tt")]
    public void PublicBaseUrl_HttpsOnAWebhookPort_IsValid(string url)
    {
        Assert.True(IsValid(url));
    }

    [Theory]
    [InlineData("")]
    [InlineData("trustytrade.azurewebsites.net")]
    [InlineData("http://trustytrade.azurewebsites.net")]
    [InlineData("https://trustytrade.azurewebsites.net:7071")]
    [InlineData("https://trustytrade.azurewebsites.net/?code=abc")]
    [InlineData("https://user:pass@trustytrade.azurewebsites.net")]
    [InlineData("ftp://trustytrade.azurewebsites.net")]
    public void PublicBaseUrl_NotAnHttpsWebhookAddress_IsInvalid(string url)
    {
        Assert.False(IsValid(url));
    }

    private static bool IsValid(string url)
    {
        var options = new BotRegistrationOptions { PublicBaseUrl = url };
        return Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true);
    }
}
