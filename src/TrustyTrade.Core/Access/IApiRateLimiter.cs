namespace TrustyTrade.Core.Access;

/// <summary>Counts requests per bucket (an IP, a user, a key) in fixed windows shared by every instance.</summary>
public interface IApiRateLimiter
{
    /// <summary>Counts one request; null when it is within <paramref name="limit"/>, else how long until the window ends.</summary>
    Task<TimeSpan?> HitAsync(string bucket, int limit, TimeSpan window, CancellationToken cancellationToken);
}
