using System.Diagnostics;
using System.Net.Sockets;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Faults;

/// <summary>
/// A redis-server of this test's own, on a port of its own, so a test can stop it mid-way without taking Redis away
/// from the tests running beside it.
/// </summary>
internal sealed class PrivateRedis : IAsyncDisposable
{
    private Process? _server;

    private PrivateRedis(int port) => Port = port;

    public int Port { get; }

    /// <summary>The app's Redis setting for this server: short timeouts, so an outage is noticed in a fraction of a second.</summary>
    public string Configuration => $"127.0.0.1:{Port},connectTimeout=500,syncTimeout=500,asyncTimeout=500";

    public static async Task<PrivateRedis> StartAsync()
    {
        var redis = new PrivateRedis(ClosedPort.Next());
        await redis.RestartAsync();
        return redis;
    }

    public async Task RestartAsync()
    {
        _server = Process.Start(new ProcessStartInfo("redis-server", ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("redis-server did not start");
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException($"redis-server did not listen on {Port}");
    }

    /// <summary>Kills the server at once, as a crash would.</summary>
    public async Task StopAsync()
    {
        if (_server is { HasExited: false } server)
        {
            server.Kill();
            await server.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _server?.Dispose();
    }
}
