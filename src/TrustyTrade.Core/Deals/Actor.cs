namespace TrustyTrade.Core.Deals;

/// <summary>Who issues a command.</summary>
public sealed record Actor(ActorKind Kind, long? UserId)
{
    public static Actor System { get; } = new(ActorKind.System, null);

    public static Actor User(long userId) => new(ActorKind.User, userId);

    public static Actor Admin(long adminUserId) => new(ActorKind.Admin, adminUserId);
}
