using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using TrustyTrade.Core;
using TrustyTrade.Core.Access.Admins;
using TrustyTrade.Infrastructure;
using TrustyTrade.Infrastructure.Persistence;

namespace TrustyTrade.AdminCli;

/// <summary>
/// The admin commands: migrate, then create an admin or reset their second factor, and print what they must keep.
/// Exit 0 when done, 1 when refused (login taken, no such admin…) or the database can't be reached, 2 on bad input or
/// a missing setting.
/// </summary>
internal static class AdminCliCommand
{
    public const int Done = 0;
    public const int Refused = 1;
    public const int BadInput = 2;

    public const string PasswordVariable = "TT_ADMIN_PASSWORD";
    public const string CreateAdmin = "create-admin";
    public const string ResetSecondFactor = "reset-2fa";

    private const string Usage = $"""
        Usage:
          {CreateAdmin} --login L --telegram-id N [--username U]   the password is read from stdin (one line) or {PasswordVariable}
          {ResetSecondFactor} --login L
        Settings come from the environment (Postgres__ConnectionString, Vault__ActiveKeyId, Vault__Keys…).
        """;

    public static async Task<int> RunAsync(
        IReadOnlyList<string> args,
        IConfiguration configuration,
        Func<string?> readPassword,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(readPassword);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        var command = args.Count > 0 ? args[0] : "";
        string[] allowed = command switch
        {
            CreateAdmin => ["login", "telegram-id", "username"],
            ResetSecondFactor => ["login"],
            _ => [],
        };
        if (allowed.Length == 0 || ParseOptions(args.Skip(1), allowed) is not { } options || !options.TryGetValue("login", out var login))
        {
            await error.WriteLineAsync(Usage).ConfigureAwait(false);
            return BadInput;
        }

        long telegramId = 0;
        if (command == CreateAdmin
            && !long.TryParse(options.GetValueOrDefault("telegram-id"), NumberStyles.None, CultureInfo.InvariantCulture, out telegramId))
        {
            await error.WriteLineAsync("--telegram-id must be the admin's numeric Telegram user id.").ConfigureAwait(false);
            return BadInput;
        }

        await using var services = new ServiceCollection()
            .AddLogging()
            .AddTrustyTradeCore(configuration)
            .AddTrustyTradeInfrastructure(configuration)
            .BuildServiceProvider();
        AdminEnrolment enrolment;
        try
        {
            await services.GetRequiredService<MigrationRunner>()
                .MigrateAsync(services.GetRequiredService<IOptions<PostgresOptions>>().Value.ConnectionString, cancellationToken)
                .ConfigureAwait(false);
            enrolment = services.GetRequiredService<AdminEnrolment>();
        }
        catch (OptionsValidationException e)
        {
            // The options' messages name the setting, never its value.
            await error.WriteLineAsync("A setting is missing or wrong: " + string.Join("; ", e.Failures)).ConfigureAwait(false);
            return BadInput;
        }
        catch (NpgsqlException e)
        {
            // Npgsql's messages name the host and the user, never the password.
            await error.WriteLineAsync("Cannot reach the database: " + e.Message).ConfigureAwait(false);
            return Refused;
        }

        AdminEnrolmentResult result;
        if (command == CreateAdmin)
        {
            if (readPassword() is not { Length: > 0 } password)
            {
                await error.WriteLineAsync($"No password: give it as one line on stdin or in {PasswordVariable}.").ConfigureAwait(false);
                return BadInput;
            }

            result = await enrolment.CreateAsync(telegramId, options.GetValueOrDefault("username"), login, password, cancellationToken)
                .ConfigureAwait(false);
        }
        else
        {
            result = await enrolment.ResetSecondFactorAsync(login, cancellationToken).ConfigureAwait(false);
        }

        if (result.SecondFactor is not { } secondFactor)
        {
            var (code, message) = Refusal(result.Outcome);
            await error.WriteLineAsync(message).ConfigureAwait(false);
            return code;
        }

        await output.WriteLineAsync(Shown(result.Outcome, secondFactor)).ConfigureAwait(false);
        return Done;
    }

    /// <summary>--name value pairs of the allowed names; app settings (--Section:Name value) are left to the configuration.</summary>
    private static Dictionary<string, string>? ParseOptions(IEnumerable<string> args, string[] allowed)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        using var arg = args.GetEnumerator();
        while (arg.MoveNext())
        {
            var name = arg.Current.StartsWith("--", StringComparison.Ordinal) ? arg.Current[2..] : null;
            if (name is null || !arg.MoveNext())
            {
                return null;
            }

            if (name.Contains(':', StringComparison.Ordinal))
            {
                continue;
            }

            if (!allowed.Contains(name, StringComparer.Ordinal) || !options.TryAdd(name, arg.Current))
            {
                return null;
            }
        }

        return options;
    }

    private static (int Code, string Message) Refusal(AdminEnrolmentOutcome outcome) => outcome switch
    {
        AdminEnrolmentOutcome.InvalidLogin => (BadInput, "The login must be 3 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit."),
        AdminEnrolmentOutcome.InvalidTelegramId => (BadInput, "--telegram-id must be a positive Telegram user id."),
        AdminEnrolmentOutcome.PasswordTooShort => (BadInput, $"The password is too short: at least {AdminEnrolment.MinPasswordLength} characters."),
        AdminEnrolmentOutcome.PasswordTooLong => (BadInput, $"The password is too long: at most {AdminEnrolment.MaxPasswordLength} characters."),
        AdminEnrolmentOutcome.LoginTaken => (Refused, "That login is taken: choose another."),
        AdminEnrolmentOutcome.AlreadyEnrolled => (Refused, "That Telegram user already has a web-panel login (reset-2fa renews its second factor)."),
        AdminEnrolmentOutcome.UserBanned => (Refused, "That Telegram user is banned: unban them first."),
        AdminEnrolmentOutcome.NotFound => (Refused, "No admin has that login."),
        _ => (Refused, $"Refused: {outcome}."),
    };

    private static string Shown(AdminEnrolmentOutcome outcome, AdminSecondFactor secondFactor) => $"""
        {(outcome == AdminEnrolmentOutcome.Created ? "Admin created" : "Second factor reset")}: login {secondFactor.Login} (user {secondFactor.UserId}).

        Store the following now, somewhere safe: it is shown this once and never stored in the clear.
        Scan the otpauth URI (or type the secret) into an authenticator app.
          otpauth URI: {secondFactor.OtpAuthUri}
          TOTP secret: {secondFactor.TotpSecret}
        Recovery codes, each usable once instead of a TOTP code:
          {string.Join(Environment.NewLine + "  ", secondFactor.RecoveryCodes)}
        """;
}
