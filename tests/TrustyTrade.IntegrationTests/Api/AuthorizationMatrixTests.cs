using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary>
/// Every HTTP route × (anonymous, owner, another user, admin, key with and without the route's scope) → the expected
/// status. The routes come from the generated functions.metadata, so a new route without a row fails the build.
/// </summary>
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class AuthorizationMatrixTests(DatabaseFixture database) : IAsyncLifetime
{
    private static int _emptied;

    private static readonly Dictionary<string, string?> Settings = new()
    {
        // The matrix sends a few hundred requests from one address within a minute.
        ["Api:RequestsPerMinutePerIp"] = "100000",
    };

    private ApiWithWorkflow _api = null!;
    private ApiTestHost _host = null!;
    private MatrixWorld _world = null!;

    public static TheoryData<string, CallerClass> Rows
    {
        get
        {
            var rows = new TheoryData<string, CallerClass>();
            foreach (var routeCase in RouteCases.All)
            {
                foreach (var caller in Enum.GetValues<CallerClass>())
                {
                    rows.Add(routeCase.Function, caller);
                }
            }

            return rows;
        }
    }

    public async Task InitializeAsync()
    {
        // Rows keep one another's data (emptying per row would cost more than the rows); the first row of a run
        // empties what earlier classes or runs left, whose users could share telegram ids with TestData's.
        if (Interlocked.Exchange(ref _emptied, 1) == 0)
        {
            await database.ResetAsync();
        }

        // One workflow host for the whole matrix: the deal routes that take a DurableTaskClient get its client.
        _api = await ApiWithWorkflow.StartAsync(database, Settings);
        _host = _api.Host;
        _world = await MatrixWorld.CreateAsync(_host);
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Route_AnswersEachCallerAsExpected(string function, CallerClass caller)
    {
        var routeCase = RouteCases.All.Single(c => c.Function == function);
        var request = await routeCase.Request(_world);

        var response = await _host.SendAsync(
            routeCase.Method, request.Path, request.Body, await _world.CredentialsAsync(caller, routeCase.Scope), request.Headers);

        Assert.True(routeCase.Expected(caller) == response.Status, $"{function} as {caller}: expected {routeCase.Expected(caller)}, got {response}");
    }

    [Fact]
    public void EveryHttpRoute_HasARowInTheMatrix()
    {
        var missing = HttpRoute.All.Select(r => r.Function).Except(RouteCases.All.Select(c => c.Function)).Order().ToList();

        Assert.True(missing.Count == 0, "routes without a matrix row: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryMatrixRow_NamesARouteWithItsMethod()
    {
        var wrong = RouteCases.All
            .Where(c => !HttpRoute.All.Any(r => r.Function == c.Function && r.Methods.Contains(c.Method)))
            .Select(c => c.Function).ToList();

        Assert.True(wrong.Count == 0, "rows naming no route of that method: " + string.Join(", ", wrong));
    }
}
