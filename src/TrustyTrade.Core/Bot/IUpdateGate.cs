namespace TrustyTrade.Core.Bot;

/// <summary>Lets each Telegram update id through once.</summary>
public interface IUpdateGate
{
    /// <summary>True the first time <paramref name="updateId"/> is seen; false for a redelivery.</summary>
    Task<bool> TryAdmitAsync(long updateId, CancellationToken cancellationToken);

    /// <summary>Forgets an admitted update that could not be queued, so Telegram's redelivery is let through.</summary>
    Task ReleaseAsync(long updateId, CancellationToken cancellationToken);
}
