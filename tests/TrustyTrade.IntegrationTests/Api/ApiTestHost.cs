using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.Time.Testing;
using TrustyTrade.Core;
using TrustyTrade.Core.Access;
using TrustyTrade.Core.Notifications;
using TrustyTrade.Core.Users;
using TrustyTrade.Functions.Api;
using TrustyTrade.Infrastructure;
using TrustyTrade.Infrastructure.Notifications;
using TrustyTrade.Infrastructure.Storage;
using TrustyTrade.IntegrationTests.Infrastructure;
using TrustyTrade.IntegrationTests.Orchestration;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary>
/// The API as a client sees it, without the Functions host: a request is routed by the templates in the generated
/// functions.metadata (constraints included) to the function method the metadata names, which is invoked with the
/// request, its route values, a DurableTaskClient when it takes one, and the app's own services over the real
/// PostgreSQL and Redis.
/// </summary>
public sealed class ApiTestHost : IAsyncDisposable
{
    private static readonly Assembly FunctionsAssembly = typeof(ApiEndpoint).Assembly;
    // Milliseconds times ten: a later run starts far above every id an earlier run used, in a database not reset.
    private static long _nextTelegramId = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 10;

    private readonly DurableTaskClient? _durable;

    private ApiTestHost(ServiceProvider services, FakeTimeProvider time, DurableTaskClient? durable, QueueClient notificationQueue)
    {
        Services = services;
        Time = time;
        _durable = durable;
        NotificationQueue = notificationQueue;
    }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>
    /// Where this host's notifications go: a queue of its own, so a test can count what it queued while other suites
    /// use the app's queue, and nothing reaches a sender.
    /// </summary>
    public QueueClient NotificationQueue { get; }

    /// <summary>Where requests come from (X-Forwarded-For); random per host so rate-limit counters don't meet across tests.</summary>
    public string ClientIp { get; set; } = $"10.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}";

    /// <param name="settings">Settings on top of the test configuration.</param>
    /// <param name="durable">The client that routes taking a DurableTaskClient get.</param>
    /// <param name="logs">Where every log line of the app goes, when given.</param>
    public static ApiTestHost Start(IReadOnlyDictionary<string, string?>? settings = null, DurableTaskClient? durable = null, CapturedLogs? logs = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        // Rate-limit and sign-in counters of its own: user ids start again at 1 after each reset, logins repeat across
        // tests, everything comes from one address, and other runs share this Redis.
        var counters = $"tt:test-{Guid.NewGuid():N}:";
        var configuration = TestConfiguration.Build(new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Api:RedisKeyPrefix"] = counters + "api-rate:",
            ["AdminAuth:RedisKeyPrefix"] = counters + "admin-auth:",
        });
        var storage = configuration["AzureWebJobsStorage"] ?? throw new InvalidOperationException("AzureWebJobsStorage is not set");
        var notificationQueue = StorageQueues.Queue(storage, $"api-notif-{Guid.NewGuid():N}");
        var services = new ServiceCollection()
            .AddLogging(builder => DealWorkflowHarness.CaptureInto(builder, logs))
            .AddSingleton<TimeProvider>(time)
            .AddTrustyTradeCore(configuration)
            .AddTrustyTradeInfrastructure(configuration)
            .AddSingleton<INotificationPublisher>(new StorageQueueNotificationPublisher(notificationQueue))
            .AddSingleton<ApiEndpoint>()
            .BuildServiceProvider();
        return new ApiTestHost(services, time, durable, notificationQueue);
    }

    /// <summary>What this host queued for the bot to send, oldest first (up to 32).</summary>
    public async Task<IReadOnlyList<Notification>> QueuedNotificationsAsync()
    {
        if (!await NotificationQueue.ExistsAsync())
        {
            return [];
        }

        var messages = (await NotificationQueue.PeekMessagesAsync(32)).Value;
        return [.. messages.Select(m => NotificationJson.Deserialize(m.Body.ToString()))];
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A new user (registered as the bot would) and a bearer token for them.</summary>
    public async Task<ApiCredentials> UserAsync(string? username = null)
    {
        var user = await Get<UserService>().RegisterAsync(
            new TelegramProfile(Interlocked.Increment(ref _nextTelegramId), username, "ru"), CancellationToken.None);
        return ApiCredentials.Token(Get<IAccessTokens>().Issue(user.Id, UserRole.User).Token, user.Id);
    }

    /// <summary>A new admin and an admin bearer token (as after password and second factor).</summary>
    public async Task<ApiCredentials> AdminAsync()
    {
        var user = await UserAsync();
        await Get<IUserStore>().SetRoleAsync(user.UserId!.Value, UserRole.Admin, CancellationToken.None);
        return ApiCredentials.Token(Get<IAccessTokens>().Issue(user.UserId.Value, UserRole.Admin).Token, user.UserId);
    }

    /// <summary>A new integration key with these scopes, made by a new admin.</summary>
    public async Task<ApiCredentials> KeyAsync(params string[] scopes)
    {
        var admin = await AdminAsync();
        var created = await Get<ApiKeyService>().CreateAsync(admin.UserId!.Value, "test integration", scopes, CancellationToken.None);
        return ApiCredentials.Key(created.Secret);
    }

    public Task<ApiResponse> GetAsync(string path, ApiCredentials? credentials = null) => SendAsync("GET", path, null, credentials);

    public Task<ApiResponse> PostAsync(string path, object? body, ApiCredentials? credentials = null, IReadOnlyDictionary<string, string>? headers = null) =>
        SendAsync("POST", path, body, credentials, headers);

    /// <summary>
    /// Sends a request to <paramref name="path"/> (starting <c>/api/</c>, query allowed). A string body is sent as it
    /// is (for malformed JSON); any other object as the API's JSON.
    /// </summary>
    public async Task<ApiResponse> SendAsync(
        string method, string path, object? body = null, ApiCredentials? credentials = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        var (routePath, query) = path.IndexOf('?') is var q and >= 0 ? (path[..q], path[q..]) : (path, string.Empty);
        var relative = routePath.StartsWith("/api/", StringComparison.Ordinal)
            ? routePath["/api/".Length..]
            : throw new ArgumentException("paths start with /api/", nameof(path));
        var (route, values) = HttpRoute.All
            .Select(r => (Route: r, Values: r.Methods.Contains(method) ? r.Match(relative) : null))
            .FirstOrDefault(m => m.Values is not null);
        if (route is null)
        {
            return new ApiResponse(404, null, null, new HeaderDictionary());
        }

        var context = new DefaultHttpContext { RequestServices = Services };
        var request = context.Request;
        request.Method = method;
        request.Path = routePath;
        request.QueryString = new QueryString(query);
        request.Headers["X-Forwarded-For"] = ClientIp;
        if (credentials?.Bearer is { } bearer)
        {
            request.Headers.Authorization = "Bearer " + bearer;
        }

        if (credentials?.ApiKey is { } key)
        {
            request.Headers[ApiEndpoint.ApiKeyHeader] = key;
        }

        if (body is not null)
        {
            var bytes = body as byte[] ?? Encoding.UTF8.GetBytes(body as string ?? JsonSerializer.Serialize(body, body.GetType(), ApiJson.Options));
            request.Body = new MemoryStream(bytes);
            request.ContentLength = bytes.Length;
            request.ContentType = "application/json";
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers[name] = new StringValues(value);
        }

        var result = await InvokeAsync(route, values!, request);
        return result switch
        {
            ContentResult content => new ApiResponse(content.StatusCode ?? 200, content.Content, content.ContentType, context.Response.Headers),
            FileStreamResult file => new ApiResponse(200, await new StreamReader(file.FileStream).ReadToEndAsync(), file.ContentType, context.Response.Headers),
            IStatusCodeActionResult status => new ApiResponse(status.StatusCode ?? 200, null, null, context.Response.Headers),
            _ => throw new InvalidOperationException($"{route.Function} answered {result.GetType().Name}"),
        };
    }

    public async ValueTask DisposeAsync()
    {
        await NotificationQueue.DeleteIfExistsAsync();
        await Services.DisposeAsync();
    }

    /// <summary>Invokes the function a route names, as the Functions host would: a new instance of its class over the app's services.</summary>
    public async Task<IActionResult> InvokeAsync(HttpRoute route, IReadOnlyDictionary<string, string> values, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(values);
        var split = route.EntryPoint.LastIndexOf('.');
        var type = FunctionsAssembly.GetType(route.EntryPoint[..split], throwOnError: true)!;
        var method = type.GetMethod(route.EntryPoint[(split + 1)..])!;
        var instance = ActivatorUtilities.CreateInstance(Services, type);
        var arguments = method.GetParameters().Select(object (p) => p.ParameterType switch
        {
            var t when t == typeof(HttpRequest) => request,
            var t when t == typeof(CancellationToken) => CancellationToken.None,
            var t when t == typeof(DurableTaskClient) => _durable ?? throw new InvalidOperationException($"{route.Function} needs a DurableTaskClient"),
            var t when t == typeof(long) => long.Parse(values[p.Name!], CultureInfo.InvariantCulture),
            var t when t == typeof(string) => values[p.Name!],
            var t => throw new InvalidOperationException($"{route.Function} takes a {t.Name} the test host can't give"),
        }).ToArray();
        return method.Invoke(instance, arguments) switch
        {
            Task<IActionResult> pending => await pending,
            IActionResult done => done,
            var other => throw new InvalidOperationException($"{route.Function} returned {other?.GetType().Name}"),
        };
    }
}
