using Microsoft.Extensions.Configuration;

namespace TrustyTrade.Shared;

/// <summary>
/// What the operator commands share (linked into each): the app's own settings from the environment
/// (Section__Name) or the command line (--Section:Name value), and Ctrl+C as a cancellation the command can finish on.
/// </summary>
internal static class OperatorConsole
{
    public static IConfiguration Settings(string[] args) =>
        new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();

    public static CancellationTokenSource CancelOnCtrlC()
    {
        var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        return cancellation;
    }
}
