using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace TrustyTrade.Benchmarks;

/// <summary>PostgreSQL's own pgbench, simple-update mode (-N), on the same server and database.</summary>
internal static partial class PgBench
{
    public static async Task<double> RunAsync(string connectionString, int clients, int seconds)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        string[] target = ["-h", builder.Host!, "-p", builder.Port.ToString(CultureInfo.InvariantCulture), "-U", builder.Username!];
        await RunPgBenchAsync([.. target, "-i", "-q", "-s", "10", builder.Database!], builder.Password);
        var output = await RunPgBenchAsync(
            [.. target, "-N", "-n", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", "2", "-T", seconds.ToString(CultureInfo.InvariantCulture), builder.Database!],
            builder.Password);
        var match = Tps().Match(output);
        return match.Success
            ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"no tps in pgbench's output:\n{output}");
    }

    private static async Task<string> RunPgBenchAsync(string[] arguments, string? password)
    {
        var start = new ProcessStartInfo(Executable()) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PGPASSWORD"] = password;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? await stdout
            : throw new InvalidOperationException($"pgbench failed ({process.ExitCode}): {await stderr}");
    }

    private static string Executable() =>
        Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d, StringComparer.Ordinal)
            .Select(d => Path.Combine(d, "bin", "pgbench")).FirstOrDefault(File.Exists)
        ?? "pgbench";

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex Tps();
}
