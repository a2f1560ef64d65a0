using System.Text;
using TrustyTrade.AdminCli;
using TrustyTrade.Shared;

// Creates a web-panel admin or resets an admin's second factor:
//   create-admin --login L --telegram-id N [--username U]   (password: one line on stdin, or TT_ADMIN_PASSWORD)
//   reset-2fa --login L
// Reads the app's own settings from the environment (Postgres__ConnectionString, Vault__Keys…) or --Section:Name value,
// and applies the database migrations first.
using var cancellation = OperatorConsole.CancelOnCtrlC();
return await AdminCliCommand.RunAsync(args, OperatorConsole.Settings(args), ReadPassword, Console.Out, Console.Error, cancellation.Token)
    .ConfigureAwait(false);

// Never from the command line: it would stay in the shell's history and in the process list.
static string? ReadPassword()
{
    if (Environment.GetEnvironmentVariable(AdminCliCommand.PasswordVariable) is { Length: > 0 } fromEnvironment)
    {
        return fromEnvironment;
    }

    if (Console.IsInputRedirected)
    {
        return Console.In.ReadLine();
    }

    // At a terminal: ask, and don't echo what is typed.
    Console.Error.Write("Password: ");
    var password = new StringBuilder();
    for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
    {
        if (key.Key == ConsoleKey.Backspace)
        {
            password.Length = Math.Max(0, password.Length - 1);
        }
        else if (!char.IsControl(key.KeyChar))
        {
            password.Append(key.KeyChar);
        }
    }

    Console.Error.WriteLine();
    return password.ToString();
}
