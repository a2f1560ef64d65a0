namespace TrustyTrade.Core.Deals;

/// <summary>Opens units of work over the escrow's data; each is one database transaction.</summary>
public interface IEscrowStore
{
    Task<IEscrowSession> BeginAsync(CancellationToken cancellationToken);
}
