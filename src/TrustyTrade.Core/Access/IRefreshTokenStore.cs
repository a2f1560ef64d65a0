namespace TrustyTrade.Core.Access;

public interface IRefreshTokenStore
{
    Task InsertAsync(RefreshTokenRecord token, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the token used, once: of two requests racing with one token only one is accepted. A token used before
    /// revokes its whole family (answered <see cref="RefreshTokenState.Reused"/>).
    /// </summary>
    Task<RefreshTokenUse> UseAsync(IReadOnlyList<byte> hash, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Revokes the family the token belongs to (sign-out); false for an unknown token.</summary>
    Task<bool> RevokeFamilyAsync(IReadOnlyList<byte> hash, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Revokes every refresh token of a user (banned, demoted).</summary>
    Task RevokeUserAsync(long userId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="batchSize"/> tokens that expired before <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> DeleteExpiredAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken);
}
