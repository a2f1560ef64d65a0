namespace TrustyTrade.Core.Access.Admins;

/// <summary>
/// Counts failed sign-ins per login and per client address, and locks either for a while once it has too many, so
/// passwords and codes can't be guessed by trying.
/// </summary>
public interface ILoginThrottle
{
    /// <summary>How long until the login or the address may try again; null when neither is locked.</summary>
    Task<TimeSpan?> RetryAfterAsync(string login, string clientIp, CancellationToken cancellationToken);

    /// <summary>
    /// Counts an attempt against the login and the address before its password is checked, atomically, so attempts
    /// sent in parallel can't all be checked before the first failures lock; false when either was locked already.
    /// </summary>
    Task<bool> CountAttemptAsync(string login, string clientIp, CancellationToken cancellationToken);

    /// <summary>Forgets the login's attempts, after it signed in.</summary>
    Task ClearAsync(string login, CancellationToken cancellationToken);
}
