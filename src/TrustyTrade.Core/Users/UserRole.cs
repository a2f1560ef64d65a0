namespace TrustyTrade.Core.Users;

public enum UserRole
{
    User,
    Admin,
}
