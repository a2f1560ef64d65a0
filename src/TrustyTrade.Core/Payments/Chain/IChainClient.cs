namespace TrustyTrade.Core.Payments.Chain;

/// <summary>
/// The EVM chain as the payments need it: the head, the configured token's transfers over a block range (one
/// <c>eth_getLogs</c> covers every deposit address, however many invoices are open), and sending the token or the
/// chain's coin from a key the platform holds. Addresses are lower-case 0x hex; amounts are in token (or coin) units.
/// </summary>
public interface IChainClient
{
    /// <summary>The newest block number (one <c>eth_blockNumber</c>).</summary>
    Task<long> GetHeadBlockAsync(CancellationToken cancellationToken);

    /// <summary>Every transfer of the configured token in blocks <paramref name="fromBlock"/>..<paramref name="toBlock"/>, in chain order (one <c>eth_getLogs</c>).</summary>
    Task<IReadOnlyList<TokenTransfer>> GetTokenTransfersAsync(long fromBlock, long toBlock, CancellationToken cancellationToken);

    /// <summary>A fresh key pair for a deposit address; the private key goes straight into the vault.</summary>
    ChainKey CreateKey();

    /// <summary>The address of <paramref name="privateKey"/> (lower-case 0x hex), e.g. the hot wallet's from its configured key.</summary>
    string DeriveAddress(string privateKey);

    /// <summary>The token balance of <paramref name="address"/>.</summary>
    Task<decimal> GetTokenBalanceAsync(string address, CancellationToken cancellationToken);

    /// <summary>The coin (gas) balance of <paramref name="address"/>, in whole coins.</summary>
    Task<decimal> GetCoinBalanceAsync(string address, CancellationToken cancellationToken);

    /// <summary>The next nonce of <paramref name="address"/> counting pending transactions.</summary>
    Task<long> GetNonceAsync(string address, CancellationToken cancellationToken);

    /// <summary>
    /// Signs a token transfer with an explicit nonce, without sending it: the caller stores the signed transaction
    /// (and its hash) before broadcasting, so a retry sends the very same transaction and never a second one.
    /// </summary>
    SignedChainTransaction SignTokenTransfer(string privateKey, string recipient, decimal amount, long nonce);

    /// <summary>Signs a coin transfer (gas for a deposit address) with an explicit nonce, without sending it.</summary>
    SignedChainTransaction SignCoinTransfer(string privateKey, string recipient, decimal amount, long nonce);

    /// <summary>Broadcasts a signed transaction; sending one the node already knows is not an error.</summary>
    Task BroadcastAsync(SignedChainTransaction transaction, CancellationToken cancellationToken);

    /// <summary>The transaction's outcome once mined: null while pending or unknown.</summary>
    Task<ChainReceipt?> GetReceiptAsync(string transactionHash, CancellationToken cancellationToken);
}

/// <summary>One ERC-20 <c>Transfer</c> log of the configured token.</summary>
public sealed record TokenTransfer(string TransactionHash, int LogIndex, long BlockNumber, string From, string To, decimal Amount);

/// <summary>A key pair: the address anyone may see, the private key only the vault keeps.</summary>
public sealed record ChainKey(string Address, string PrivateKey)
{
    public override string ToString() => $"ChainKey {{ Address = {Address} }}"; // never the private key in a log
}

/// <summary>A signed, not yet broadcast transaction: its raw hex and its hash.</summary>
public sealed record SignedChainTransaction(string Hash, string RawHex);

/// <summary>A mined transaction: its block and whether it succeeded.</summary>
public sealed record ChainReceipt(string TransactionHash, long BlockNumber, bool Succeeded);
