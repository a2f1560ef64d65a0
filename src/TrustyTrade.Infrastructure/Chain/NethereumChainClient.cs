using System.Globalization;
using System.Numerics;
using Microsoft.Extensions.Options;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Signer;
using Nethereum.Util;
using Nethereum.Web3;
using TrustyTrade.Core.Payments.Chain;

namespace TrustyTrade.Infrastructure.Chain;

/// <summary>
/// <see cref="IChainClient"/> over JSON-RPC with Nethereum. Transactions are signed offline (legacy, EIP-155 with the
/// configured chain id), so private keys never travel to the node. Every HTTP request to the node is counted in
/// <see cref="RpcCalls"/>, so a benchmark can measure the calls each new block costs.
/// </summary>
public sealed class NethereumChainClient : IChainClient, IDisposable
{
    /// <summary>keccak256("Transfer(address,address,uint256)"): the ERC-20 Transfer event's first topic.</summary>
    internal const string TransferTopic = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";

    private const string TransferSelector = "a9059cbb"; // transfer(address,uint256)
    private const string BalanceOfSelector = "70a08231"; // balanceOf(address)
    private const int CoinTransferGas = 21_000;

    private readonly ChainOptions _options;
    private readonly RpcCallCounter _counter;
    private readonly HttpClient _http;
    private readonly Web3 _web3;
    private readonly string _token;
    private readonly BigInteger _gasPriceWei;
    private readonly LegacyTransactionSigner _signer = new();

    public NethereumChainClient(IOptions<ChainOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        if (!_options.Enabled)
        {
            throw new InvalidOperationException("The chain is off (Chain:Enabled is false): nothing should ask for IChainClient.");
        }

        _token = ChainAddress.Normalize(_options.TokenContract, nameof(options));
        _gasPriceWei = TokenAmount.ToBaseUnits(_options.GasPriceGwei, 9, nameof(options));
        _counter = new RpcCallCounter(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        _http = new HttpClient(_counter, disposeHandler: true) { Timeout = TimeSpan.FromSeconds(_options.RequestTimeoutSeconds) };
        _web3 = new Web3(new RpcClient(new Uri(_options.RpcUrl), _http, null, null, null));
    }

    /// <summary>JSON-RPC requests sent to the node since this client was made.</summary>
    public long RpcCalls => _counter.Count;

    public async Task<long> GetHeadBlockAsync(CancellationToken cancellationToken)
    {
        var head = await _web3.Eth.Blocks.GetBlockNumber.SendRequestAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        return (long)head.Value;
    }

    public async Task<IReadOnlyList<TokenTransfer>> GetTokenTransfersAsync(long fromBlock, long toBlock, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromBlock);
        ArgumentOutOfRangeException.ThrowIfLessThan(toBlock, fromBlock);
        if (toBlock - fromBlock >= _options.MaxBlockRange)
        {
            // A provider answers a wider range with an error or a truncated list; the caller walks the chain in steps.
            throw new ArgumentOutOfRangeException(nameof(toBlock), $"At most Chain:MaxBlockRange ({_options.MaxBlockRange}) blocks per call.");
        }

        // Filtered by the token and the Transfer topic only, not by recipient: one call covers every open invoice.
        var filter = new NewFilterInput
        {
            Address = [_token],
            Topics = [TransferTopic],
            FromBlock = new BlockParameter(new HexBigInteger(fromBlock)),
            ToBlock = new BlockParameter(new HexBigInteger(toBlock)),
        };
        var logs = await _web3.Eth.Filters.GetLogs.SendRequestAsync(filter).WaitAsync(cancellationToken).ConfigureAwait(false);

        var transfers = new List<TokenTransfer>(logs.Length);
        foreach (var log in logs)
        {
            // A Transfer with indexed from/to has three topics; other shapes (an ERC-721-style Transfer, a log a
            // reorg removed) are not this token's transfers, so they are skipped rather than misread.
            if (log.Removed || log.Topics is not { Length: 3 }
                || !string.Equals(log.Address, _token, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            transfers.Add(new TokenTransfer(
                log.TransactionHash.ToLowerInvariant(),
                (int)log.LogIndex.Value,
                (long)log.BlockNumber.Value,
                ChainAddress.FromWord(Topic(log, 1)),
                ChainAddress.FromWord(Topic(log, 2)),
                TokenAmount.FromBaseUnits(TokenAmount.ParseHex(log.Data), _options.TokenDecimals)));
        }

        // Nodes return logs in chain order; sorting makes it a guarantee rather than a habit.
        transfers.Sort(static (a, b) => a.BlockNumber != b.BlockNumber ? a.BlockNumber.CompareTo(b.BlockNumber) : a.LogIndex.CompareTo(b.LogIndex));
        return transfers;
    }

    public ChainKey CreateKey()
    {
        var key = EthECKey.GenerateKey();
        return new ChainKey(key.GetPublicAddress().ToLowerInvariant(), key.GetPrivateKey());
    }

    public string DeriveAddress(string privateKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(privateKey);
        try
        {
            return new EthECKey(privateKey).GetPublicAddress().ToLowerInvariant();
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IndexOutOfRangeException)
        {
            // Nethereum's own message may quote the key; this one doesn't.
            throw new ArgumentException("The private key is not a valid secp256k1 key.", nameof(privateKey));
        }
    }

    public async Task<decimal> GetTokenBalanceAsync(string address, CancellationToken cancellationToken)
    {
        var owner = ChainAddress.Normalize(address, nameof(address));
        var call = new CallInput("0x" + BalanceOfSelector + ChainAddress.ToWord(owner), _token);
        var result = await _web3.Eth.Transactions.Call.SendRequestAsync(call, BlockParameter.CreateLatest())
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        return TokenAmount.FromBaseUnits(TokenAmount.ParseHex(result), _options.TokenDecimals);
    }

    public async Task<decimal> GetCoinBalanceAsync(string address, CancellationToken cancellationToken)
    {
        var owner = ChainAddress.Normalize(address, nameof(address));
        var wei = await _web3.Eth.GetBalance.SendRequestAsync(owner, BlockParameter.CreateLatest())
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        return TokenAmount.FromBaseUnits(wei.Value, TokenAmount.CoinDecimals);
    }

    public async Task<long> GetNonceAsync(string address, CancellationToken cancellationToken)
    {
        var owner = ChainAddress.Normalize(address, nameof(address));
        var nonce = await _web3.Eth.Transactions.GetTransactionCount.SendRequestAsync(owner, BlockParameter.CreatePending())
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        return (long)nonce.Value;
    }

    public SignedChainTransaction SignTokenTransfer(string privateKey, string recipient, decimal amount, long nonce)
    {
        var to = ChainAddress.Normalize(recipient, nameof(recipient));
        var units = TokenAmount.ToBaseUnits(amount, _options.TokenDecimals, nameof(amount));
        var data = "0x" + TransferSelector + ChainAddress.ToWord(to) + TokenAmount.ToWord(units);
        return Sign(privateKey, _token, BigInteger.Zero, nonce, _options.TokenTransferGas, data);
    }

    public SignedChainTransaction SignCoinTransfer(string privateKey, string recipient, decimal amount, long nonce)
    {
        var to = ChainAddress.Normalize(recipient, nameof(recipient));
        var wei = TokenAmount.ToBaseUnits(amount, TokenAmount.CoinDecimals, nameof(amount));
        return Sign(privateKey, to, wei, nonce, CoinTransferGas, data: null);
    }

    public async Task BroadcastAsync(SignedChainTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);

        // A retry sends the very same signed transaction. If the node already has it (pending or mined), there is
        // nothing more to do: asking first costs one call per broadcast (broadcasts are rare: payouts and sweeps), and
        // keeps a replay from reaching a node that would run it again. ganache 7.9 does, for a deposit address's
        // first transaction: it reads a raw transaction's nonce 0 as "none given" and assigns the next one.
        if (await IsKnownAsync(transaction.Hash, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            await _web3.Eth.Transactions.SendRawTransaction.SendRequestAsync(transaction.RawHex)
                .WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RpcResponseException)
        {
            // Sent in between by another attempt: nodes refuse it in their own words ("already known", "nonce too
            // low"...), so rather than match messages, the node is asked whether it has this very transaction. A
            // different transaction with the same nonce is not found, and its error stands.
            if (!await IsKnownAsync(transaction.Hash, cancellationToken).ConfigureAwait(false))
            {
                throw;
            }
        }
    }

    private async Task<bool> IsKnownAsync(string transactionHash, CancellationToken cancellationToken) =>
        await _web3.Eth.Transactions.GetTransactionByHash.SendRequestAsync(transactionHash)
            .WaitAsync(cancellationToken).ConfigureAwait(false) is not null;

    public async Task<ChainReceipt?> GetReceiptAsync(string transactionHash, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(transactionHash);
        var receipt = await _web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(transactionHash)
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        if (receipt?.BlockNumber is null)
        {
            return null;
        }

        return new ChainReceipt(receipt.TransactionHash.ToLowerInvariant(), (long)receipt.BlockNumber.Value, receipt.Status?.Value == BigInteger.One);
    }

    public void Dispose() => _http.Dispose();

    private SignedChainTransaction Sign(string privateKey, string to, BigInteger value, long nonce, int gas, string? data)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(privateKey);
        ArgumentOutOfRangeException.ThrowIfNegative(nonce);

        string raw;
        try
        {
            raw = _signer.SignTransaction(privateKey, new BigInteger(_options.ChainId), to, value, nonce, _gasPriceWei, gas, data);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IndexOutOfRangeException)
        {
            // Nethereum's own message may quote the key; this one doesn't.
            throw new ArgumentException("The private key is not a valid secp256k1 key.", nameof(privateKey));
        }

        var rawHex = raw.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? raw.ToLowerInvariant() : "0x" + raw.ToLowerInvariant();
        var hash = "0x" + Sha3Keccack.Current.CalculateHashFromHex(rawHex).ToLowerInvariant();
        return new SignedChainTransaction(hash, rawHex);
    }

    private static string Topic(FilterLog log, int index) =>
        Convert.ToString(log.Topics[index], CultureInfo.InvariantCulture) ?? throw new FormatException("A Transfer log without its topic.");
}
