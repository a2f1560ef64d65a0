namespace TrustyTrade.Core.Bot;

/// <summary>The durable record of the update ids the webhook let through (the backstop under <see cref="IUpdateGate"/>).</summary>
public interface ISeenUpdateStore
{
    /// <summary>Deletes at most <paramref name="batchSize"/> ids first seen before <paramref name="cutoff"/>, oldest first; returns how many went.</summary>
    Task<int> DeleteSeenBeforeAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken);
}
