using TrustyTrade.Core.Users;

namespace TrustyTrade.Functions.Api.Users;

public sealed record RoleChange(UserRole Role);
