using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Access;

/// <summary>The app's services with bcrypt at its lowest allowed cost, so each password check in a test takes milliseconds.</summary>
public sealed class AccessServicesFixture() : AppServicesFixture(Settings)
{
    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["AdminAuth:PasswordWorkFactor"] = "10",
    };
}
