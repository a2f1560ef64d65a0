using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustyTrade.Core.Payments.Chain;
using TrustyTrade.Core.Payments.Crypto;
using TrustyTrade.Core.Vault;

namespace TrustyTrade.Core.Payments.Payouts;

/// <summary>
/// Moves the token on paid deals' deposit addresses to the hot wallet, which pays the payouts. A deposit address holds
/// no coin for gas, so the hot wallet first sends it enough for one token transfer; the deposit key, opened from the
/// vault only to sign, then sends the whole balance. Custody moves inside the platform, so the ledger does not change.
/// Each transaction is stored before it is broadcast, as payouts' are.
/// </summary>
public sealed partial class DepositSweeper(
    IChainClient chain,
    IPayoutStore store,
    ICredentialVault vault,
    HotWallet hotWallet,
    IOptions<ChainOptions> options,
    ILogger<DepositSweeper> logger)
{
    private const int Batch = 50;

    /// <summary>Coin for one token transfer at the configured gas limit and price.</summary>
    private decimal GasForOneTransfer => options.Value.TokenTransferGas * options.Value.GasPriceGwei / 1_000_000_000m;

    /// <summary>Takes each unfinished sweep one step on; returns how many deposits were swept (signed and broadcast).</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var swept = 0;
        foreach (var candidate in await store.ListSweepsAsync(Batch, cancellationToken).ConfigureAwait(false))
        {
            if (await StepAsync(candidate, cancellationToken).ConfigureAwait(false))
            {
                swept++;
            }
        }

        return swept;
    }

    private async Task<bool> StepAsync(SweepCandidate candidate, CancellationToken cancellationToken)
    {
        if (candidate is { Step: SweepStep.Swept, SweepTransaction: { } sweep })
        {
            var receipt = await chain.GetReceiptAsync(sweep.Hash, cancellationToken).ConfigureAwait(false);
            if (receipt is null)
            {
                await chain.BroadcastAsync(sweep, cancellationToken).ConfigureAwait(false);
            }
            else if (receipt.Succeeded)
            {
                await store.FinishSweepAsync(candidate.DealId, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                LogSweepReverted(candidate.DealId, sweep.Hash);
            }

            return false;
        }

        var balance = await chain.GetTokenBalanceAsync(candidate.Address, cancellationToken).ConfigureAwait(false);
        if (balance <= 0m)
        {
            return false;
        }

        var gas = GasForOneTransfer;
        if (await chain.GetCoinBalanceAsync(candidate.Address, cancellationToken).ConfigureAwait(false) < gas)
        {
            if (candidate.GasTransaction is { } funding)
            {
                await chain.BroadcastAsync(funding, cancellationToken).ConfigureAwait(false); // the same gas, not mined yet
                return false;
            }

            var chainNonce = await chain.GetNonceAsync(hotWallet.Address, cancellationToken).ConfigureAwait(false);
            var signed = await store.FundGasAsync(
                candidate.DealId, balance, hotWallet.Address, chainNonce,
                nonce => chain.SignCoinTransfer(hotWallet.PrivateKey, candidate.Address, gas, nonce), cancellationToken).ConfigureAwait(false);
            if (signed is not null)
            {
                await chain.BroadcastAsync(signed, cancellationToken).ConfigureAwait(false);
                LogGasFunded(candidate.DealId, gas, signed.Hash);
            }

            return false;
        }

        // Only this code spends from a deposit address, so the node's nonce for it is the next one.
        var depositNonce = await chain.GetNonceAsync(candidate.Address, cancellationToken).ConfigureAwait(false);
        var transfer = chain.SignTokenTransfer(
            vault.Decrypt(candidate.Key, CryptoCheckout.KeyPurpose(candidate.DealId)), hotWallet.Address, balance, depositNonce);
        if (!await store.RecordSweepAsync(candidate.DealId, balance, transfer, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await chain.BroadcastAsync(transfer, cancellationToken).ConfigureAwait(false);
        LogSwept(candidate.DealId, balance, transfer.Hash);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deal {DealId}: {Coins} coin of gas sent to its deposit address in {TransactionHash}")]
    private partial void LogGasFunded(long dealId, decimal coins, string transactionHash);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deal {DealId}: {Amount} USDT swept to the hot wallet in {TransactionHash}")]
    private partial void LogSwept(long dealId, decimal amount, string transactionHash);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deal {DealId}: the sweep {TransactionHash} reverted; the deposit stays on its address for an operator")]
    private partial void LogSweepReverted(long dealId, string transactionHash);
}
