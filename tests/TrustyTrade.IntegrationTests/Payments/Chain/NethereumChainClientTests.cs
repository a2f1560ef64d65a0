using Microsoft.Extensions.Options;
using Nethereum.Signer;
using TrustyTrade.Core.Payments.Chain;
using TrustyTrade.Infrastructure.Chain;
using TrustyTrade.IntegrationTests.Infrastructure;
using TrustyTrade.TestSupport;

namespace TrustyTrade.IntegrationTests.Payments.Chain;

/// <summary>
/// The Nethereum client against the real dev chain (ganache). Each test gets a fresh owner key and its own token
/// contract, so the shared chain's other traffic never shows in its transfers or balances.
/// </summary>
// In the database collection with every other class that mines on the shared chain, so no block is mined in between
// by another test (the head's count is asserted exactly).
[Collection(DatabaseCollectionDefinition.Name)]
public sealed class NethereumChainClientTests : IAsyncLifetime
{
    private DevChain _chain = null!;
    private string _token = null!;
    private NethereumChainClient _client = null!;

    public async Task InitializeAsync()
    {
        _chain = await DevChain.StartAsync(TestConfiguration.Build()["Chain:RpcUrl"]);
        _token = await _chain.DeployTokenAsync();
        _client = NewClient(_token);
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        _chain.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task GetTokenTransfersAsync_ReturnsExactlyTheTokensTransfersInTheRange()
    {
        var wrongToken = await _chain.DeployTokenAsync("Wrong USDT", "WUSDT");
        await _chain.MintAsync(_token, _chain.OwnerAddress, 1_000m);
        await _chain.MintAsync(wrongToken, _chain.OwnerAddress, 1_000m);
        var buyerA = _client.CreateKey().Address;
        var buyerB = _client.CreateKey().Address;
        var from = await _chain.HeadBlockAsync() + 1;

        var first = await _chain.TransferTokenAsync(_token, buyerA, 12.345678m);
        await _chain.TransferTokenAsync(wrongToken, buyerA, 5m);
        var second = await _chain.TransferTokenAsync(_token, buyerB, 0.000001m);
        var to = await _chain.HeadBlockAsync();
        await _chain.TransferTokenAsync(_token, buyerA, 7m); // after the range

        var transfers = await _client.GetTokenTransfersAsync(from, to, CancellationToken.None);

        Assert.Equal(
            [
                new TokenTransfer(first.TransactionHash, 0, (long)first.BlockNumber.Value, _chain.OwnerAddress, buyerA, 12.345678m),
                new TokenTransfer(second.TransactionHash, 0, (long)second.BlockNumber.Value, _chain.OwnerAddress, buyerB, 0.000001m),
            ],
            transfers);
    }

    [Fact]
    public async Task GetTokenTransfersAsync_AmountsKeepAllSixDecimals()
    {
        await _chain.MintAsync(_token, _chain.OwnerAddress, 2_000_000m);
        var from = await _chain.HeadBlockAsync() + 1;
        decimal[] amounts = [12.345678m, 999_999.999999m, 0.1m];
        foreach (var amount in amounts)
        {
            await _chain.TransferTokenAsync(_token, _client.CreateKey().Address, amount);
        }

        var transfers = await _client.GetTokenTransfersAsync(from, await _chain.HeadBlockAsync(), CancellationToken.None);

        Assert.Equal(amounts, transfers.Select(t => t.Amount));
    }

    [Fact]
    public async Task GetTokenTransfersAsync_ManyRecipients_MakesOneRpcCall()
    {
        await _chain.MintAsync(_token, _chain.OwnerAddress, 100m);
        var from = await _chain.HeadBlockAsync() + 1;
        for (var i = 0; i < 5; i++)
        {
            await _chain.TransferTokenAsync(_token, _client.CreateKey().Address, 1m);
        }

        var to = await _chain.HeadBlockAsync();
        var before = _client.RpcCalls;

        var transfers = await _client.GetTokenTransfersAsync(from, to, CancellationToken.None);

        Assert.Equal((5, 1L), (transfers.Count, _client.RpcCalls - before));
    }

    [Fact]
    public async Task GetTokenTransfersAsync_WiderThanMaxBlockRange_ThrowsWithoutCallingTheNode()
    {
        var before = _client.RpcCalls;

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _client.GetTokenTransfersAsync(0, 2000, CancellationToken.None));
        Assert.Equal(before, _client.RpcCalls);
    }

    [Fact]
    public async Task GetTokenTransfersAsync_IncludesMints()
    {
        var from = await _chain.HeadBlockAsync() + 1;
        var receipt = await _chain.MintAsync(_token, _chain.OwnerAddress, 3.5m);

        var transfers = await _client.GetTokenTransfersAsync(from, await _chain.HeadBlockAsync(), CancellationToken.None);

        var mint = Assert.Single(transfers);
        Assert.Equal(("0x0000000000000000000000000000000000000000", _chain.OwnerAddress, 3.5m, receipt.TransactionHash),
            (mint.From, mint.To, mint.Amount, mint.TransactionHash));
    }

    [Fact]
    public async Task GetHeadBlockAsync_AfterMining_MovesByTheBlocksMined()
    {
        var before = await _client.GetHeadBlockAsync(CancellationToken.None);

        await _chain.MineAsync(3);

        Assert.Equal(before + 3, await _client.GetHeadBlockAsync(CancellationToken.None));
    }

    [Fact]
    public async Task DevChain_FirstDeterministicAccount_IsTheKnownKey()
    {
        var accounts = await new Nethereum.Web3.Web3(_chain.RpcUrl).Eth.Accounts.SendRequestAsync();

        Assert.Equal(
            (DevChain.FunderAddress, DevChain.FunderAddress),
            (accounts[0].ToLowerInvariant(), EthECKey.GetPublicAddress(DevChain.FunderPrivateKey).ToLowerInvariant()));
    }

    [Fact]
    public void CreateKey_GivesALowerCaseAddressOfItsOwnKey()
    {
        var key = _client.CreateKey();

        Assert.Equal(EthECKey.GetPublicAddress(key.PrivateKey).ToLowerInvariant(), key.Address);
        Assert.Matches("^0x[0-9a-f]{40}$", key.Address);
    }

    [Fact]
    public void CreateKey_TwiceGivesTwoKeys()
    {
        Assert.NotEqual(_client.CreateKey().Address, _client.CreateKey().Address);
    }

    [Fact]
    public void ChainKey_ToString_DoesNotShowThePrivateKey()
    {
        var key = _client.CreateKey();

        Assert.DoesNotContain(key.PrivateKey[2..], key.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SignTokenTransferThenBroadcast_MovesTheTokens()
    {
        var deposit = await DepositAddressHoldingAsync(20m);
        var payout = _client.CreateKey().Address;
        var nonce = await _client.GetNonceAsync(deposit.Address, CancellationToken.None);

        var signed = _client.SignTokenTransfer(deposit.PrivateKey, payout, 12.345678m, nonce);
        await _client.BroadcastAsync(signed, CancellationToken.None);

        var receipt = await _client.GetReceiptAsync(signed.Hash, CancellationToken.None);
        Assert.Equal(new ChainReceipt(signed.Hash, receipt!.BlockNumber, Succeeded: true), receipt);
        Assert.Equal((7.654322m, 12.345678m), (
            await _client.GetTokenBalanceAsync(deposit.Address, CancellationToken.None),
            await _client.GetTokenBalanceAsync(payout, CancellationToken.None)));
    }

    [Fact]
    public async Task BroadcastAsync_SameSignedTransactionTwice_IsNotAnErrorAndMovesTheTokensOnce()
    {
        var deposit = await DepositAddressHoldingAsync(20m);
        var payout = _client.CreateKey().Address;
        var signed = _client.SignTokenTransfer(deposit.PrivateKey, payout, 5m, nonce: 0);
        await _client.BroadcastAsync(signed, CancellationToken.None);

        var again = await Record.ExceptionAsync(() => _client.BroadcastAsync(signed, CancellationToken.None));

        Assert.Null(again);
        Assert.Equal(5m, await _client.GetTokenBalanceAsync(payout, CancellationToken.None));
    }

    [Fact]
    public async Task BroadcastAsync_SameSignedTransactionTwice_SendsItOnce()
    {
        var deposit = await DepositAddressHoldingAsync(20m);
        var signed = _client.SignTokenTransfer(deposit.PrivateKey, _client.CreateKey().Address, 5m, nonce: 0);
        await _client.BroadcastAsync(signed, CancellationToken.None);
        var before = _client.RpcCalls;

        await _client.BroadcastAsync(signed, CancellationToken.None);

        Assert.Equal(1L, _client.RpcCalls - before); // the look-up that finds it, and no eth_sendRawTransaction
    }

    [Fact]
    public async Task BroadcastAsync_AnotherTransactionWithAUsedNonce_Throws()
    {
        // Nonce 1, not 0: ganache takes a raw transaction's nonce 0 as "none given" and would run the conflict.
        var deposit = await DepositAddressHoldingAsync(20m);
        await _client.BroadcastAsync(_client.SignTokenTransfer(deposit.PrivateKey, _client.CreateKey().Address, 1m, nonce: 0), CancellationToken.None);
        await _client.BroadcastAsync(_client.SignTokenTransfer(deposit.PrivateKey, _client.CreateKey().Address, 2m, nonce: 1), CancellationToken.None);
        var conflicting = _client.SignTokenTransfer(deposit.PrivateKey, _client.CreateKey().Address, 3m, nonce: 1);

        await Assert.ThrowsAsync<Nethereum.JsonRpc.Client.RpcResponseException>(() => _client.BroadcastAsync(conflicting, CancellationToken.None));
        Assert.Equal(17m, await _client.GetTokenBalanceAsync(deposit.Address, CancellationToken.None));
    }

    [Fact]
    public async Task GetNonceAsync_CountsTheAddressesSentTransactions()
    {
        var deposit = await DepositAddressHoldingAsync(20m);
        var fresh = await _client.GetNonceAsync(deposit.Address, CancellationToken.None);

        await _client.BroadcastAsync(_client.SignTokenTransfer(deposit.PrivateKey, _client.CreateKey().Address, 1m, nonce: 0), CancellationToken.None);
        await _client.BroadcastAsync(_client.SignTokenTransfer(deposit.PrivateKey, _client.CreateKey().Address, 2m, nonce: 1), CancellationToken.None);

        Assert.Equal((0L, 2L), (fresh, await _client.GetNonceAsync(deposit.Address, CancellationToken.None)));
    }

    [Fact]
    public void SignTokenTransfer_SameInputs_GivesTheSameTransaction()
    {
        var key = _client.CreateKey();
        var payout = _client.CreateKey().Address;

        var first = _client.SignTokenTransfer(key.PrivateKey, payout, 1.5m, nonce: 3);
        var second = _client.SignTokenTransfer(key.PrivateKey, payout, 1.5m, nonce: 3);

        Assert.Equal(first, second);
    }

    [Fact]
    public void SignTokenTransfer_FinerThanTheTokensDecimals_Throws()
    {
        var key = _client.CreateKey();

        Assert.Throws<ArgumentException>(() => _client.SignTokenTransfer(key.PrivateKey, key.Address, 1.0000001m, nonce: 0));
    }

    [Fact]
    public void SignTokenTransfer_BadPrivateKey_ThrowsWithoutShowingIt()
    {
        const string badKey = "0xnot-a-key-0123456789";

        var error = Assert.ThrowsAny<ArgumentException>(() => _client.SignTokenTransfer(badKey, _client.CreateKey().Address, 1m, nonce: 0));

        Assert.DoesNotContain(badKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignCoinTransferThenBroadcast_MovesTheCoin()
    {
        var (address, privateKey) = await _chain.CreateFundedKeyAsync(1m);
        var recipient = _client.CreateKey().Address;

        var signed = _client.SignCoinTransfer(privateKey, recipient, 0.123456789012345678m, nonce: 0);
        await _client.BroadcastAsync(signed, CancellationToken.None);

        Assert.Equal(0.123456789012345678m, await _client.GetCoinBalanceAsync(recipient, CancellationToken.None));
        Assert.True(await _client.GetCoinBalanceAsync(address, CancellationToken.None) < 1m - 0.123456789012345678m);
    }

    [Fact]
    public async Task GetReceiptAsync_TransferOverTheBalance_SaysItFailed()
    {
        var deposit = await DepositAddressHoldingAsync(1m);
        var signed = _client.SignTokenTransfer(deposit.PrivateKey, _client.CreateKey().Address, 2m, nonce: 0);

        await _client.BroadcastAsync(signed, CancellationToken.None);

        var receipt = await _client.GetReceiptAsync(signed.Hash, CancellationToken.None);
        Assert.False(receipt!.Succeeded);
    }

    [Fact]
    public async Task GetReceiptAsync_UnknownHash_ReturnsNull()
    {
        var unknown = "0x" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

        Assert.Null(await _client.GetReceiptAsync(unknown, CancellationToken.None));
    }

    [Fact]
    public async Task GetTokenTransfersAsync_AnotherTokensClient_DoesNotSeeThisTokensTransfers()
    {
        var other = await _chain.DeployTokenAsync("Other", "OTH");
        using var otherClient = NewClient(other);
        var from = await _chain.HeadBlockAsync() + 1;
        await _chain.MintAsync(_token, _chain.OwnerAddress, 10m);

        Assert.Empty(await otherClient.GetTokenTransfersAsync(from, await _chain.HeadBlockAsync(), CancellationToken.None));
    }

    /// <summary>A fresh deposit address holding <paramref name="tokens"/> and a little coin for gas, as the payment flow leaves it.</summary>
    private async Task<ChainKey> DepositAddressHoldingAsync(decimal tokens)
    {
        var deposit = _client.CreateKey();
        await _chain.MintAsync(_token, deposit.Address, tokens);
        await _chain.SendCoinAsync(deposit.Address, 0.1m);
        return deposit;
    }

    private NethereumChainClient NewClient(string token) => new(Options.Create(new ChainOptions
    {
        Enabled = true,
        RpcUrl = _chain.RpcUrl,
        ChainId = DevChain.ChainId,
        TokenContract = token,
        TokenDecimals = DevChain.TokenDecimals,
    }));
}
