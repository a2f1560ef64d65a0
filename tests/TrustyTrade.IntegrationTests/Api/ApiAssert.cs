namespace TrustyTrade.IntegrationTests.Api;

/// <summary>Assertions about answers every route shares.</summary>
internal static class ApiAssert
{
    /// <summary>The answer is a client error told as problem+json (never a 5xx, never a bare status).</summary>
    public static void ClientProblem(ApiResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.True(response.Status is >= 400 and < 500 && response.ProblemType is not null, $"expected a 4xx problem, got {response}");
    }
}
