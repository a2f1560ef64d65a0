namespace TrustyTrade.Core.Access.Admins;

public enum AdminEnrolmentOutcome
{
    Created,
    SecondFactorReset,

    /// <summary>The login is not 3–64 letters, digits, '.', '_' or '-' (starting with a letter or digit).</summary>
    InvalidLogin,
    InvalidTelegramId,
    PasswordTooShort,
    PasswordTooLong,
    LoginTaken,

    /// <summary>The Telegram user has web-panel credentials already (under another login).</summary>
    AlreadyEnrolled,
    UserBanned,

    /// <summary>No admin has this login (a second-factor reset).</summary>
    NotFound,
}
