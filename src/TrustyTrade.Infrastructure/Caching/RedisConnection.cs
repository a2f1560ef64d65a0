using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace TrustyTrade.Infrastructure.Caching;

/// <summary>
/// The app's one Redis multiplexer, connected on first use so that resolving a service never blocks on a Redis
/// that is down; Redis holds only what may be lost, so the app runs degraded and reconnects by itself.
/// </summary>
public sealed class RedisConnection(IOptions<RedisOptions> options) : IAsyncDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>> _multiplexer = new(() => ConnectAsync(options.Value));

    public async Task<IDatabase> GetDatabaseAsync() =>
        (await _multiplexer.Value.ConfigureAwait(false)).GetDatabase();

    public async ValueTask DisposeAsync()
    {
        if (!_multiplexer.IsValueCreated)
        {
            return;
        }

        var connecting = _multiplexer.Value;
        if (connecting.IsCompletedSuccessfully)
        {
            await connecting.Result.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            // Still connecting to a Redis that doesn't answer: don't hold shutdown for the connect timeout.
            _ = connecting.ContinueWith(
                static t => t.Result.Dispose(),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnRanToCompletion,
                TaskScheduler.Default);
        }
    }

    private static Task<ConnectionMultiplexer> ConnectAsync(RedisOptions options)
    {
        var configuration = ConfigurationOptions.Parse(options.Configuration);
        configuration.AbortOnConnectFail = false;
        return ConnectionMultiplexer.ConnectAsync(configuration);
    }
}
