using System.Numerics;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Signer;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace TrustyTrade.TestSupport;

/// <summary>
/// The local dev chain (ganache, started by scripts/services.sh with <c>--wallet.deterministic</c>) as tests need it:
/// deploys the test token compiled by scripts/compile-contracts.sh, mints, transfers, sends coin and mines blocks.
/// The chain is shared by the whole suite, so each instance works from a fresh owner key of its own (given coin with
/// ganache's <c>evm_setAccountBalance</c>), and each test deploys its own tokens: nothing one test does shows in
/// another's balances or logs.
/// </summary>
public sealed class DevChain : IDisposable
{
    public const long ChainId = 1337;

    /// <summary>
    /// ganache's deterministic wallet: its mnemonic, and the first account it derives (1,000 coins at start; checked
    /// against ganache's start-up listing). Tests fund their own keys with <see cref="SetCoinBalanceAsync"/> instead.
    /// </summary>
    public const string Mnemonic = "myth like bonus scare over problem client lizard pioneer submit female collect";

    public const string FunderAddress = "0x90f8bf6a479f320ead074411a4b0e7944ea8c9c1";

    /// <summary>Public test key of ganache's deterministic wallet: worthless anywhere but a local dev chain.</summary>
    public const string FunderPrivateKey = "0x4f3edf983ac636a65a842ce7c78d9aa706d3b113bce9c46f30d7d21715b23b1d";

    public const int TokenDecimals = 6;

    private readonly SemaphoreSlim _ownerLock = new(1, 1);
    private readonly Web3 _owner;
    private readonly string _abi;
    private readonly string _bin;

    private DevChain(string rpcUrl, Account owner, string abi, string bin)
    {
        RpcUrl = rpcUrl;
        Owner = owner;
        _owner = SigningWeb3(owner, rpcUrl);
        _abi = abi;
        _bin = bin;
    }

    public string RpcUrl { get; }

    /// <summary>This instance's own funded key: it deploys, mints and pays gas.</summary>
    public Account Owner { get; }

    public string OwnerAddress => Owner.Address.ToLowerInvariant();

    /// <summary>
    /// Connects to the chain at <paramref name="rpcUrl"/> (Chain__RpcUrl, else ganache's default) and gives a fresh owner
    /// key <paramref name="ownerCoins"/>. The token comes from TT_CONTRACTS_DIR (TestUsdt.abi and TestUsdt.bin).
    /// </summary>
    public static async Task<DevChain> StartAsync(string? rpcUrl = null, decimal ownerCoins = 10m)
    {
        rpcUrl ??= Environment.GetEnvironmentVariable("Chain__RpcUrl") is { Length: > 0 } fromEnvironment ? fromEnvironment : "http://127.0.0.1:8545";
        var contracts = Environment.GetEnvironmentVariable("TT_CONTRACTS_DIR");
        if (string.IsNullOrEmpty(contracts) || !File.Exists(Path.Combine(contracts, "TestUsdt.bin")))
        {
            throw new InvalidOperationException(
                "TT_CONTRACTS_DIR does not hold TestUsdt.abi/.bin: run scripts/compile-contracts.sh and export what it prints.");
        }

        var abi = await File.ReadAllTextAsync(Path.Combine(contracts, "TestUsdt.abi")).ConfigureAwait(false);
        var bin = (await File.ReadAllTextAsync(Path.Combine(contracts, "TestUsdt.bin")).ConfigureAwait(false)).Trim();
        var chain = new DevChain(rpcUrl, new Account(EthECKey.GenerateKey(), ChainId), abi, bin.StartsWith("0x", StringComparison.Ordinal) ? bin : "0x" + bin);

        // Set rather than sent from the first account: ganache lives on across test runs, and 1,000 coins shared by
        // every test of every run would run out.
        await chain.SetCoinBalanceAsync(chain.OwnerAddress, ownerCoins).ConfigureAwait(false);
        return chain;
    }

    /// <summary>Deploys a TestUsdt (6 decimals) owned by <see cref="Owner"/>; returns its lower-case address.</summary>
    public async Task<string> DeployTokenAsync(string name = "Test USDT", string symbol = "USDT")
    {
        var receipt = await AsOwner(() => _owner.Eth.DeployContract.SendRequestAndWaitForReceiptAsync(
            _abi, _bin, Owner.Address, new HexBigInteger(2_000_000), CancellationToken.None, name, symbol)).ConfigureAwait(false);
        EnsureSucceeded(receipt, "deploying the token");
        return receipt.ContractAddress.ToLowerInvariant();
    }

    /// <summary>Mints <paramref name="amount"/> tokens to <paramref name="to"/>; returns the receipt.</summary>
    public Task<TransactionReceipt> MintAsync(string token, string to, decimal amount) =>
        AsOwner(() => SendTokenCallAsync(_owner, Owner.Address, token, "mint", to, ToBaseUnits(amount)));

    /// <summary>Transfers tokens from <see cref="Owner"/> (who holds what it minted to itself).</summary>
    public Task<TransactionReceipt> TransferTokenAsync(string token, string to, decimal amount) =>
        AsOwner(() => SendTokenCallAsync(_owner, Owner.Address, token, "transfer", to, ToBaseUnits(amount)));

    /// <summary>Transfers tokens from any funded key, e.g. a buyer's (it pays the gas in coin).</summary>
    public Task<TransactionReceipt> TransferTokenAsync(string token, string fromPrivateKey, string to, decimal amount)
    {
        var from = new Account(fromPrivateKey, ChainId);
        return SendTokenCallAsync(SigningWeb3(from, RpcUrl), from.Address, token, "transfer", to, ToBaseUnits(amount));
    }

    /// <summary>Sends coin from <see cref="Owner"/>, e.g. gas for a deposit address.</summary>
    public async Task<TransactionReceipt> SendCoinAsync(string to, decimal coins)
    {
        var receipt = await AsOwner(() => _owner.Eth.GetEtherTransferService().TransferEtherAndWaitForReceiptAsync(to, coins))
            .ConfigureAwait(false);
        EnsureSucceeded(receipt, "sending coin");
        return receipt;
    }

    /// <summary>A fresh key holding <paramref name="coins"/> for gas: (address, private key).</summary>
    public async Task<(string Address, string PrivateKey)> CreateFundedKeyAsync(decimal coins = 1m)
    {
        var key = EthECKey.GenerateKey();
        var address = key.GetPublicAddress().ToLowerInvariant();
        await SendCoinAsync(address, coins).ConfigureAwait(false);
        return (address, key.GetPrivateKey());
    }

    /// <summary>The token balance of <paramref name="address"/>, read from the contract.</summary>
    public async Task<decimal> TokenBalanceAsync(string token, string address)
    {
        var units = await _owner.Eth.GetContract(_abi, token).GetFunction("balanceOf")
            .CallAsync<BigInteger>(address).ConfigureAwait(false);
        return (decimal)units / Pow10(TokenDecimals);
    }

    /// <summary>Sets the coin balance of <paramref name="address"/> (ganache's <c>evm_setAccountBalance</c>), no transaction.</summary>
    public async Task SetCoinBalanceAsync(string address, decimal coins)
    {
        var wei = new HexBigInteger(Web3.Convert.ToWei(coins));
        await _owner.Client.SendRequestAsync<bool>(new RpcRequest(Guid.NewGuid().ToString("N"), "evm_setAccountBalance", address, wei.HexValue))
            .ConfigureAwait(false);
    }

    /// <summary>Mines <paramref name="blocks"/> empty blocks (confirmations on top of what was mined before).</summary>
    public async Task MineAsync(int blocks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(blocks);
        for (var i = 0; i < blocks; i++)
        {
            await _owner.Client.SendRequestAsync<string>(new RpcRequest(Guid.NewGuid().ToString("N"), "evm_mine")).ConfigureAwait(false);
        }
    }

    public async Task<long> HeadBlockAsync() =>
        (long)(await _owner.Eth.Blocks.GetBlockNumber.SendRequestAsync().ConfigureAwait(false)).Value;

    public void Dispose() => _ownerLock.Dispose();

    /// <summary>The token amount in base units: whole, or the test asked for a fraction the token can't hold.</summary>
    public static BigInteger ToBaseUnits(decimal amount)
    {
        var units = amount * Pow10(TokenDecimals);
        if (units != decimal.Truncate(units))
        {
            throw new ArgumentException($"{amount} has more than {TokenDecimals} decimals.", nameof(amount));
        }

        return new BigInteger(units);
    }

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }

    private async Task<TransactionReceipt> SendTokenCallAsync(Web3 web3, string from, string token, string function, params object[] input)
    {
        var receipt = await web3.Eth.GetContract(_abi, token).GetFunction(function)
            .SendTransactionAndWaitForReceiptAsync(from, new HexBigInteger(200_000), new HexBigInteger(0), CancellationToken.None, input)
            .ConfigureAwait(false);
        EnsureSucceeded(receipt, function);
        return receipt;
    }

    private async Task<T> AsOwner<T>(Func<Task<T>> send)
    {
        await _ownerLock.WaitAsync().ConfigureAwait(false);
        try
        {
            return await send().ConfigureAwait(false);
        }
        finally
        {
            _ownerLock.Release();
        }
    }

    private static Web3 SigningWeb3(Account account, string rpcUrl)
    {
        // Legacy transactions: ganache's fee-market answers differ from a real node's, and tests don't need them.
        var web3 = new Web3(account, rpcUrl);
        web3.TransactionManager.UseLegacyAsDefault = true;
        return web3;
    }

    private static void EnsureSucceeded(TransactionReceipt receipt, string what)
    {
        if (receipt.Status?.Value != BigInteger.One)
        {
            throw new InvalidOperationException($"Dev chain: {what} failed (transaction {receipt.TransactionHash}).");
        }
    }
}
