using TrustyTrade.Core.DealRecords;

namespace TrustyTrade.Core.Deals.Disputes;

/// <summary>
/// What a party sent the bot for their dispute: a text, or a photo or document kept by Telegram (shown here as its
/// caption and that a file exists; the file itself is opened in Telegram).
/// </summary>
public sealed record DisputeEvidence(long Id, long SubmittedBy, EvidenceKind Kind, string? Text, bool HasFile, DateTimeOffset At);
