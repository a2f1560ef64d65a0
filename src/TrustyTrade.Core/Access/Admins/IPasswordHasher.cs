namespace TrustyTrade.Core.Access.Admins;

/// <summary>A slow, salted password hash; the hash string carries its own salt and cost.</summary>
public interface IPasswordHasher
{
    string Hash(string password);

    bool Verify(string password, string hash);
}
