using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TrustyTrade.Core.Access;

/// <summary>
/// Deletes what the API keeps only for a while: refresh tokens past their expiry (a day's grace, for the logs of a
/// late attempt) and stored answers to Idempotency-Keys older than <see cref="ApiOptions.IdempotencyHours"/>. In
/// bounded batches, each its own statement, so a run never holds many locks while requests insert.
/// </summary>
public sealed partial class ApiRecordsCleanup(
    IRefreshTokenStore refreshTokens,
    IApiIdempotencyStore idempotency,
    IOptions<ApiOptions> options,
    TimeProvider clock,
    ILogger<ApiRecordsCleanup> logger)
{
    public const int BatchSize = 5_000;

    /// <summary>Returns how many rows were deleted in all.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var tokens = await DrainAsync((batch, ct) => refreshTokens.DeleteExpiredAsync(now.AddDays(-1), batch, ct), cancellationToken).ConfigureAwait(false);
        var answers = await DrainAsync(
            (batch, ct) => idempotency.DeleteOlderThanAsync(now.AddHours(-options.Value.IdempotencyHours), batch, ct), cancellationToken).ConfigureAwait(false);
        LogCleaned(tokens, answers);
        return tokens + answers;
    }

    private static async Task<int> DrainAsync(Func<int, CancellationToken, Task<int>> deleteBatch, CancellationToken cancellationToken)
    {
        var total = 0;
        int deleted;
        do
        {
            deleted = await deleteBatch(BatchSize, cancellationToken).ConfigureAwait(false);
            total += deleted;
        }
        while (deleted == BatchSize);

        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "API records: {Tokens} expired refresh tokens and {Answers} old idempotent answers deleted")]
    private partial void LogCleaned(int tokens, int answers);
}
