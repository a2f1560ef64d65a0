using TrustyTrade.Core.Payments.Chain;

namespace TrustyTrade.Core.Tests.Payments;

/// <summary>A chain whose head and transfers a test sets, counting the reads a real node would answer.</summary>
internal sealed class ScriptedChain : IChainClient
{
    public long Head { get; set; }

    public List<TokenTransfer> Transfers { get; } = [];

    public int HeadReads { get; private set; }

    public List<(long From, long To)> LogReads { get; } = [];

    public int RpcCalls => HeadReads + LogReads.Count;

    public Task<long> GetHeadBlockAsync(CancellationToken cancellationToken)
    {
        HeadReads++;
        return Task.FromResult(Head);
    }

    public Task<IReadOnlyList<TokenTransfer>> GetTokenTransfersAsync(long fromBlock, long toBlock, CancellationToken cancellationToken)
    {
        LogReads.Add((fromBlock, toBlock));
        return Task.FromResult<IReadOnlyList<TokenTransfer>>([.. Transfers.Where(t => t.BlockNumber >= fromBlock && t.BlockNumber <= toBlock)]);
    }

    public ChainKey CreateKey() => new("0x" + Guid.NewGuid().ToString("N") + "00000000", "0x" + new string('1', 64));

    public string DeriveAddress(string privateKey) => throw new NotSupportedException();

    public Task<decimal> GetTokenBalanceAsync(string address, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<decimal> GetCoinBalanceAsync(string address, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<long> GetNonceAsync(string address, CancellationToken cancellationToken) => throw new NotSupportedException();

    public SignedChainTransaction SignTokenTransfer(string privateKey, string recipient, decimal amount, long nonce) => throw new NotSupportedException();

    public SignedChainTransaction SignCoinTransfer(string privateKey, string recipient, decimal amount, long nonce) => throw new NotSupportedException();

    public Task BroadcastAsync(SignedChainTransaction transaction, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ChainReceipt?> GetReceiptAsync(string transactionHash, CancellationToken cancellationToken) => throw new NotSupportedException();
}
