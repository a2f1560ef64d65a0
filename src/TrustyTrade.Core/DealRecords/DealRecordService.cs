using Microsoft.Extensions.Logging;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Users;

namespace TrustyTrade.Core.DealRecords;

/// <summary>The buyer–seller chat, ratings after a completed deal, and evidence for a dispute.</summary>
public sealed partial class DealRecordService(
    IDealRecordStore records,
    IUserStore users,
    TimeProvider timeProvider,
    ILogger<DealRecordService> logger)
{
    private const int MaxMessageLength = 4000;
    private const int MaxCommentLength = 500;
    private const int MaxFileIdLength = 200;

    /// <summary>
    /// A party writes to the other party; the message is kept as evidence. <paramref name="sourceKey"/> names where it
    /// came from, so the same message posted again (a retried update) is kept once.
    /// </summary>
    public async Task<(DealRecordOutcome Outcome, DealMessage? Message)> PostMessageAsync(
        long dealId, long senderId, string body, string? sourceKey, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body) || body.Length > MaxMessageLength)
        {
            return (DealRecordOutcome.Invalid, null);
        }

        var parties = await records.FindPartiesAsync(dealId, cancellationToken).ConfigureAwait(false);
        if (Check(parties, senderId) is { } refused)
        {
            return (refused, null);
        }

        if (parties!.Status is DealStatus.Cancelled or DealStatus.Expired)
        {
            return (DealRecordOutcome.NotAllowedInStatus, null);
        }

        var message = await records.InsertMessageAsync(
            dealId, senderId, parties.OtherParty(senderId), body.Trim(), timeProvider.GetUtcNow(), sourceKey, cancellationToken).ConfigureAwait(false);
        return (DealRecordOutcome.Done, message);
    }

    /// <summary>The chat of a deal, for its parties, and for admins acting as admins (checked to be one now).</summary>
    public async Task<(DealRecordOutcome Outcome, IReadOnlyList<DealMessage> Messages)> ListMessagesAsync(
        long dealId, Actor viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var parties = await records.FindPartiesAsync(dealId, cancellationToken).ConfigureAwait(false);
        if (parties is null)
        {
            return (DealRecordOutcome.DealNotFound, []);
        }

        var allowed = viewer switch
        {
            { Kind: ActorKind.User, UserId: { } userId } => parties.IsParty(userId),
            { Kind: ActorKind.Admin, UserId: { } adminId } => await IsAdminAsync(adminId, cancellationToken).ConfigureAwait(false),
            _ => false,
        };
        if (!allowed)
        {
            return (DealRecordOutcome.NotAParty, []);
        }

        return (DealRecordOutcome.Done, await records.ListMessagesAsync(dealId, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Each side rates the other once, 1–5 with an optional comment, after the buyer has the account.</summary>
    public async Task<DealRecordOutcome> RateAsync(long dealId, long raterId, int score, string? comment, CancellationToken cancellationToken)
    {
        if (score is < 1 or > 5 || comment?.Length > MaxCommentLength)
        {
            return DealRecordOutcome.Invalid;
        }

        var parties = await records.FindPartiesAsync(dealId, cancellationToken).ConfigureAwait(false);
        if (Check(parties, raterId) is { } refused)
        {
            return refused;
        }

        if (parties!.Status is not (DealStatus.Completed or DealStatus.Released))
        {
            return DealRecordOutcome.NotAllowedInStatus;
        }

        var text = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (!await records.InsertRatingAsync(dealId, raterId, parties.OtherParty(raterId), score, text, cancellationToken).ConfigureAwait(false))
        {
            return DealRecordOutcome.AlreadyRated;
        }

        LogRated(dealId, raterId, score);
        return DealRecordOutcome.Done;
    }

    /// <summary>A party or an admin adds evidence to the deal's open dispute.</summary>
    public async Task<DealRecordOutcome> AddEvidenceAsync(long dealId, long userId, Evidence evidence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var valid = evidence.Kind == EvidenceKind.Text
            ? !string.IsNullOrWhiteSpace(evidence.Body) && evidence.Body.Length <= MaxMessageLength
            : !string.IsNullOrWhiteSpace(evidence.TelegramFileId) && evidence.TelegramFileId.Length <= MaxFileIdLength
                && (evidence.Body is null || evidence.Body.Length <= MaxMessageLength);
        if (!valid)
        {
            return DealRecordOutcome.Invalid;
        }

        var parties = await records.FindPartiesAsync(dealId, cancellationToken).ConfigureAwait(false);
        if (parties is null)
        {
            return DealRecordOutcome.DealNotFound;
        }

        if (!parties.IsParty(userId) && !await IsAdminAsync(userId, cancellationToken).ConfigureAwait(false))
        {
            return DealRecordOutcome.NotAParty;
        }

        return parties.HasOpenDispute && await records.InsertEvidenceAsync(dealId, userId, evidence, cancellationToken).ConfigureAwait(false)
            ? DealRecordOutcome.Done
            : DealRecordOutcome.NoOpenDispute;
    }

    private static DealRecordOutcome? Check(DealParties? parties, long userId) => parties switch
    {
        null => DealRecordOutcome.DealNotFound,
        _ when !parties.IsParty(userId) => DealRecordOutcome.NotAParty,
        _ => null,
    };

    private async Task<bool> IsAdminAsync(long userId, CancellationToken cancellationToken) =>
        await users.FindAsync(userId, cancellationToken).ConfigureAwait(false) is { Role: UserRole.Admin, IsBanned: false };

    [LoggerMessage(Level = LogLevel.Information, Message = "Deal {DealId} rated {Score} by user {RaterId}")]
    private partial void LogRated(long dealId, long raterId, int score);
}
