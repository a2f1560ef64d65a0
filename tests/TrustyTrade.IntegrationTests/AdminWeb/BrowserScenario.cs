using System.Diagnostics;
using System.Text.Json;
using TrustyTrade.IntegrationTests.Infrastructure;
using Xunit.Sdk;

namespace TrustyTrade.IntegrationTests.AdminWeb;

/// <summary>
/// Runs one scenario of <c>tests/admin-web/scenarios.mjs</c>: Node.js drives Debian's headless Chromium with
/// playwright-core (the Playwright browser download is not reachable here). The input goes as JSON on stdin; the
/// scenario's result comes back as JSON. Screenshots go to <c>.local/screenshots</c> (the README test command keeps them).
/// </summary>
internal static class BrowserScenario
{
    public static string Directory { get; } = Path.Combine(RepositoryPaths.Root, "tests", "admin-web");

    public static string Screenshots { get; } = Path.Combine(RepositoryPaths.Root, ".local", "screenshots");

    public static async Task<JsonElement> RunAsync(string scenario, object input)
    {
        if (!System.IO.Directory.Exists(Path.Combine(Directory, "node_modules", "playwright-core")))
        {
            throw new XunitException($"playwright-core is not installed in {Directory}: run ./scripts/test.sh, which runs npm ci there");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("run.mjs");
        start.ArgumentList.Add(scenario);
        start.Environment["TT_SCREENSHOTS"] = Screenshots;
        using var process = Process.Start(start) ?? throw new XunitException("node did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(JsonSerializer.Serialize(input));
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new XunitException($"browser scenario {scenario} ran over two minutes:\n{await output}\n{await errors}");
        }

        var lines = (await output).Split('\n');
        if (process.ExitCode != 0 || lines.LastOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal)) is not { } result)
        {
            throw new XunitException($"browser scenario {scenario} failed (exit {process.ExitCode}):\n{await output}\n{await errors}");
        }

        using var document = JsonDocument.Parse(result["RESULT ".Length..]);
        return document.RootElement.Clone();
    }
}
