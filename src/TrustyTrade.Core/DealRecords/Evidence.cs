namespace TrustyTrade.Core.DealRecords;

/// <summary>Evidence for a dispute: a text, or a photo or document by its Telegram file id with an optional caption.</summary>
public sealed record Evidence(EvidenceKind Kind, string? Body, string? TelegramFileId);
