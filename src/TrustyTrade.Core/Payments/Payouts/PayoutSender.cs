using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustyTrade.Core.Payments.Chain;

namespace TrustyTrade.Core.Payments.Payouts;

/// <summary>
/// Sends approved payouts from the hot wallet and confirms them. A payout's transaction is signed with a nonce the
/// store hands out under a lock and stored before it is broadcast, so a crash or a retry at any point broadcasts that
/// same transaction again and never signs a second one: a seller can't be paid twice.
/// </summary>
public sealed partial class PayoutSender(
    IChainClient chain, IPayoutStore store, HotWallet hotWallet, IOptions<ChainOptions> options, ILogger<PayoutSender> logger)
{
    private const int Batch = 50;

    /// <summary>Broadcasts payouts signed before a crash, then signs and broadcasts the approved ones; returns how many were sent.</summary>
    public async Task<int> SendApprovedAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        foreach (var payout in await store.ListAsync(PayoutStatus.TransactionSigned, Batch, cancellationToken).ConfigureAwait(false))
        {
            await BroadcastAsync(payout, cancellationToken).ConfigureAwait(false);
            sent++;
        }

        foreach (var approved in await store.ListAsync(PayoutStatus.Approved, Batch, cancellationToken).ConfigureAwait(false))
        {
            // The node's pending count covers transactions the wallet sent outside this store (a top-up, a manual fix).
            var chainNonce = await chain.GetNonceAsync(hotWallet.Address, cancellationToken).ConfigureAwait(false);
            var signed = await store.SignAsync(
                approved.Id, hotWallet.Address, chainNonce,
                nonce => chain.SignTokenTransfer(hotWallet.PrivateKey, approved.Address, approved.Amount, nonce),
                cancellationToken).ConfigureAwait(false);
            if (signed is null)
            {
                continue; // another sender signed it first; its transaction is the one
            }

            await BroadcastAsync(signed, cancellationToken).ConfigureAwait(false);
            sent++;
        }

        return sent;
    }

    /// <summary>
    /// Settles sent payouts whose transaction has the configured confirmations: paid out when it succeeded, failed and
    /// flagged (the money stays pending for an admin) when it reverted. One not mined yet is broadcast again, the same.
    /// </summary>
    public async Task<int> ConfirmSentAsync(CancellationToken cancellationToken)
    {
        var settled = 0;
        var sentPayouts = await store.ListAsync(PayoutStatus.Sent, Batch, cancellationToken).ConfigureAwait(false);
        if (sentPayouts.Count == 0)
        {
            return 0;
        }

        var head = await chain.GetHeadBlockAsync(cancellationToken).ConfigureAwait(false);
        foreach (var payout in sentPayouts)
        {
            var receipt = await chain.GetReceiptAsync(payout.TxHash!, cancellationToken).ConfigureAwait(false);
            if (receipt is null)
            {
                // A node may drop a pending transaction; the same one is offered again (never a new nonce).
                await chain.BroadcastAsync(Transaction(payout), cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (head - receipt.BlockNumber + 1 < options.Value.Confirmations)
            {
                continue;
            }

            if (receipt.Succeeded)
            {
                if (await store.ConfirmAsync(payout.Id, receipt.BlockNumber, PayoutPostings.Paid(payout.UserId, payout.Amount), cancellationToken)
                    .ConfigureAwait(false))
                {
                    LogConfirmed(payout.Id, payout.TxHash!, receipt.BlockNumber);
                    settled++;
                }
            }
            else if (await store.FailAsync(payout.Id, receipt.BlockNumber, cancellationToken).ConfigureAwait(false))
            {
                LogFailed(payout.Id, payout.TxHash!, receipt.BlockNumber);
                settled++;
            }
        }

        return settled;
    }

    private async Task BroadcastAsync(Payout payout, CancellationToken cancellationToken)
    {
        await chain.BroadcastAsync(Transaction(payout), cancellationToken).ConfigureAwait(false);
        await store.MarkSentAsync(payout.Id, cancellationToken).ConfigureAwait(false);
        LogSent(payout.Id, payout.Amount, payout.TxHash!, payout.Nonce ?? -1);
    }

    private static SignedChainTransaction Transaction(Payout payout) =>
        new(payout.TxHash ?? throw new InvalidOperationException($"Payout {payout.Id} has no signed transaction."), payout.RawTx!);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payout {PayoutId}: {Amount} USDT sent in {TransactionHash} (nonce {Nonce})")]
    private partial void LogSent(long payoutId, decimal amount, string transactionHash, long nonce);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payout {PayoutId} confirmed: {TransactionHash} in block {BlockNumber}")]
    private partial void LogConfirmed(long payoutId, string transactionHash, long blockNumber);

    [LoggerMessage(Level = LogLevel.Error, Message = "Payout {PayoutId} failed on chain: {TransactionHash} reverted in block {BlockNumber}; its money stays pending for an admin (flagged)")]
    private partial void LogFailed(long payoutId, string transactionHash, long blockNumber);
}
