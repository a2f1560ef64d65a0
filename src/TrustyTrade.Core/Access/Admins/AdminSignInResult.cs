namespace TrustyTrade.Core.Access.Admins;

/// <summary>A sign-in's answer: the admin's user id when it succeeded, how long to wait when locked out.</summary>
public sealed record AdminSignInResult(AdminSignInOutcome Outcome, long? UserId, TimeSpan? RetryAfter)
{
    public static AdminSignInResult Invalid { get; } = new(AdminSignInOutcome.Invalid, null, null);

    public static AdminSignInResult Succeeded(long userId) => new(AdminSignInOutcome.Succeeded, userId, null);

    public static AdminSignInResult LockedOut(TimeSpan retryAfter) => new(AdminSignInOutcome.LockedOut, null, retryAfter);
}
