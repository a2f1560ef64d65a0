using System.Net;
using System.Net.Sockets;

namespace TrustyTrade.IntegrationTests.Infrastructure;

internal static class ClosedPort
{
    /// <summary>A loopback port nothing listens on: one the OS just handed out and we let go of.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
