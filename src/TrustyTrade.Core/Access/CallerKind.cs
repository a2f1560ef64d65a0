namespace TrustyTrade.Core.Access;

public enum CallerKind
{
    Anonymous,
    User,
    Admin,
    ApiKey,
}
