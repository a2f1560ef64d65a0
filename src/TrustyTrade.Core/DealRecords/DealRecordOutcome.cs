namespace TrustyTrade.Core.DealRecords;

/// <summary>The answer to a chat message, rating or piece of evidence.</summary>
public enum DealRecordOutcome
{
    Done,
    DealNotFound,
    NotAParty,
    NotAllowedInStatus,
    NoOpenDispute,
    AlreadyRated,
    Invalid,
}
