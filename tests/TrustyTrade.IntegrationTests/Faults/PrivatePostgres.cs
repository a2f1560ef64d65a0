using System.Diagnostics;
using System.Globalization;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Faults;

/// <summary>
/// A PostgreSQL cluster of this test's own (initdb into a temporary folder, its own port), so a test can crash and
/// restart it under load without taking the database away from the tests running beside it. PostgreSQL won't run as
/// root: as root, its commands run as the postgres user.
/// </summary>
internal sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"tt-pg-{Guid.NewGuid():N}");
    private readonly string _bin = Directory.GetDirectories("/usr/lib/postgresql")
        .Select(d => Path.Combine(d, "bin"))
        .OrderBy(d => int.Parse(Path.GetFileName(Path.GetDirectoryName(d))!, CultureInfo.InvariantCulture))
        .Last();

    private readonly int _port = ClosedPort.Next();

    public string ConnectionString => $"Host=127.0.0.1;Port={_port};Database=postgres;Username=tt;Password=tt;Timeout=5;Command Timeout=15";

    private string Data => Path.Combine(_folder, "data");

    public static async Task<PrivatePostgres> StartAsync()
    {
        var postgres = new PrivatePostgres();
        Directory.CreateDirectory(postgres._folder);
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", "postgres", postgres._folder);
        }

        await postgres.PgAsync("initdb", "-D", postgres.Data, "-U", "tt", "--auth=trust", "-E", "UTF8", "--no-sync");
        await postgres.StartServerAsync();
        return postgres;
    }

    /// <summary>Kills the server without a checkpoint, as a crash does; the restart recovers from the WAL.</summary>
    public async Task CrashAndRestartAsync()
    {
        await PgAsync("pg_ctl", "-D", Data, "-m", "immediate", "-w", "stop");
        await StartServerAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await PgAsync("pg_ctl", "-D", Data, "-m", "immediate", "-w", "stop");
        Directory.Delete(_folder, recursive: true);
    }

    private Task StartServerAsync() =>
        PgAsync("pg_ctl", "-D", Data, "-w", "-l", Path.Combine(_folder, "server.log"), "-o",
            $"-p {_port} -c listen_addresses=127.0.0.1 -k {_folder} -c max_connections=100", "start");

    private Task PgAsync(string tool, params string[] arguments) =>
        Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. arguments])
            : RunAsync(Path.Combine(_bin, tool), arguments);

    private static async Task RunAsync(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {await output}{await error}");
        }
    }
}
