using TrustyTrade.Core.Payments.Chain;

namespace TrustyTrade.Infrastructure.Chain;

/// <summary>The chain client of a deployment without a chain (Chain:Enabled false): every call is refused.</summary>
internal sealed class ChainOff : IChainClient
{
    private static InvalidOperationException Off() =>
        new("The chain is off (Chain:Enabled is false): crypto payments are not offered, so nothing should call the chain.");

    public Task<long> GetHeadBlockAsync(CancellationToken cancellationToken) => throw Off();

    public Task<IReadOnlyList<TokenTransfer>> GetTokenTransfersAsync(long fromBlock, long toBlock, CancellationToken cancellationToken) => throw Off();

    public ChainKey CreateKey() => throw Off();

    public string DeriveAddress(string privateKey) => throw Off();

    public Task<decimal> GetTokenBalanceAsync(string address, CancellationToken cancellationToken) => throw Off();

    public Task<decimal> GetCoinBalanceAsync(string address, CancellationToken cancellationToken) => throw Off();

    public Task<long> GetNonceAsync(string address, CancellationToken cancellationToken) => throw Off();

    public SignedChainTransaction SignTokenTransfer(string privateKey, string recipient, decimal amount, long nonce) => throw Off();

    public SignedChainTransaction SignCoinTransfer(string privateKey, string recipient, decimal amount, long nonce) => throw Off();

    public Task BroadcastAsync(SignedChainTransaction transaction, CancellationToken cancellationToken) => throw Off();

    public Task<ChainReceipt?> GetReceiptAsync(string transactionHash, CancellationToken cancellationToken) => throw Off();
}
