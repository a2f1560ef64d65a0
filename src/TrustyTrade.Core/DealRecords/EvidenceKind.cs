namespace TrustyTrade.Core.DealRecords;

public enum EvidenceKind
{
    Text,
    Photo,
    Document,
}
