using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Faults;

/// <summary>
/// An Azurite of this test's own (its own ports and storage folder), so a test can restart it without taking Storage
/// away from the tests running beside it. A restart keeps the folder, as a restarted Storage keeps its data.
/// </summary>
internal sealed class PrivateAzurite : IAsyncDisposable
{
    private const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"tt-azurite-{Guid.NewGuid():N}");
    private readonly int _blobPort = ClosedPort.Next();
    private readonly int _queuePort = ClosedPort.Next();
    private readonly int _tablePort = ClosedPort.Next();
    private Process? _server;

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentKey};QueueEndpoint=http://127.0.0.1:{_queuePort}/devstoreaccount1;";

    public static async Task<PrivateAzurite> StartAsync()
    {
        var azurite = new PrivateAzurite();
        Directory.CreateDirectory(azurite._folder);
        await azurite.RestartAsync();
        return azurite;
    }

    public async Task RestartAsync()
    {
        var binary = Path.Combine(RepositoryPaths.Root, "scripts", "devservices", "node_modules", ".bin", "azurite");
        _server = Process.Start(new ProcessStartInfo(binary,
        [
            "--skipApiVersionCheck", "--loose", "--silent", "--disableTelemetry", "--location", _folder,
            "--blobHost", "127.0.0.1", "--blobPort", Port(_blobPort), "--queueHost", "127.0.0.1", "--queuePort", Port(_queuePort),
            "--tableHost", "127.0.0.1", "--tablePort", Port(_tablePort),
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("azurite did not start");
        for (var attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", _queuePort);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new InvalidOperationException($"azurite did not listen on {_queuePort}");
    }

    /// <summary>Stops the server as a service manager does (SIGTERM, then waits for it to exit).</summary>
    public async Task StopAsync()
    {
        if (_server is { HasExited: false } server)
        {
            using (var kill = Process.Start("kill", ["-TERM", server.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await server.WaitForExitAsync(timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is { HasExited: false } server)
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }

        _server?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
