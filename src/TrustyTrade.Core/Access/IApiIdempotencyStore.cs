namespace TrustyTrade.Core.Access;

/// <summary>Answers to API requests that carried an Idempotency-Key, per caller.</summary>
public interface IApiIdempotencyStore
{
    /// <summary>Claims the key for this request (by the hash of its method, path and body), or says what holds it.</summary>
    Task<IdempotentStart> BeginAsync(string caller, string key, IReadOnlyList<byte> requestHash, TimeSpan keepFor, CancellationToken cancellationToken);

    Task CompleteAsync(string caller, string key, int status, string body, CancellationToken cancellationToken);

    /// <summary>Frees a claimed key whose request failed before it changed anything, so a retry runs it again.</summary>
    Task AbandonAsync(string caller, string key, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="batchSize"/> answers stored before <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken);
}
