namespace TrustyTrade.Core.Access;

/// <summary>A new key and its secret, shown once to the admin who made it; only a hash of it is kept.</summary>
public sealed record CreatedApiKey(ApiKey Key, string Secret)
{
    public override string ToString() => $"CreatedApiKey {{ Key = {Key}, Secret = *** }}";
}
