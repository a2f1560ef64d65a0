namespace TrustyTrade.Core.DealRecords;

/// <summary>One line of the buyer–seller chat; the bot relays it to <see cref="RecipientId"/> and keeps it as evidence.</summary>
public sealed record DealMessage(long Id, long DealId, long SenderId, long RecipientId, string Body, DateTimeOffset CreatedAt);
