using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary>
/// Every payment and notification route that reads a body, given bodies that are not what it takes: each answers a
/// 4xx problem, never a 5xx: mistyped members per route, beside MalformedBodyTests' generic ones.
/// </summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class PaymentsMalformedBodyTests(DatabaseFixture database) : ApiHostTest(database)
{

    public static TheoryData<string, string> Cases
    {
        get
        {
            var cases = new TheoryData<string, string>();
            foreach (var route in new[] { "RequestPayout", "RejectPayout", "SetPayoutRate", "PostNotification", "PostBroadcast" })
            {
                foreach (var body in new[] { "{", "[]", "null", "\"text\"", "{}", "unknown", "wrongTypes", "huge", "deep" })
                {
                    cases.Add(route, body);
                }
            }

            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Route_GivenABodyItDoesNotTake_AnswersA4xxProblem(string route, string body)
    {
        var (method, path, credentials, valid, wrongTypes) = await RouteAsync(route);
        var text = body switch
        {
            "unknown" => valid.TrimEnd('}') + ",\"extra\":1}",
            "wrongTypes" => wrongTypes,
            "huge" => "{\"text\":\"" + new string('a', 2_000_000) + "\"}",
            "deep" => new string('[', 100) + new string(']', 100),
            _ => body,
        };

        var response = await Host.SendAsync(
            method, path, text, credentials, new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString("N"), ["If-Match"] = "\"x\"" });

        Assert.True(
            response.Status is >= 400 and < 500 && response.ContentType!.StartsWith("application/problem+json", StringComparison.Ordinal),
            $"{route} with {body}: {response.Status} {response.ContentType}");
    }

    private async Task<(string Method, string Path, ApiCredentials Credentials, string Valid, string WrongTypes)> RouteAsync(string route)
    {
        var admin = await Host.AdminAsync();
        switch (route)
        {
            case "RequestPayout":
                return ("POST", "/api/payments/payouts", await Host.UserAsync(),
                    """{"amount":{"amount":"1","currency":"USDT"},"address":"0x00000000000000000000000000000000000000aa"}""",
                    """{"amount":{"amount":1,"currency":"USDT"},"address":42}""");
            case "RejectPayout":
                var payout = await Seeds.PayoutAsync((await Host.UserAsync()).UserId!.Value);
                return ("POST", $"/api/payments/payouts/{payout.Id}/reject", admin, """{"reason":"KYC"}""", """{"reason":["KYC"]}""");
            case "SetPayoutRate":
                return ("PUT", "/api/payments/rates", admin, """{"rate":"0.01"}""", """{"rate":0.01}""");
            case "PostNotification":
                var user = await Host.UserAsync();
                return ("POST", "/api/notifications", admin, $$"""{"userId":{{user.UserId}},"text":"hi"}""", $$"""{"userId":"{{user.UserId}}","text":true}""");
            default:
                return ("POST", "/api/notifications/broadcast", admin, """{"id":"b-1","text":"hi"}""", """{"id":1,"text":"hi","language":5}""");
        }
    }
}
