using System.Globalization;
using Microsoft.Extensions.Options;
using TrustyTrade.Core.Payments.Chain;
using TrustyTrade.Core.Vault;

namespace TrustyTrade.Core.Payments.Crypto;

/// <summary>
/// A deal's USDT invoice: its own deposit address, whose key is made here and sealed by the vault before it is
/// stored. Asking twice gives the same address; opening one makes sure the poller runs.
/// </summary>
public sealed class CryptoCheckout(
    IChainClient chain, IChainPaymentStore store, ICredentialVault vault, ChainPaymentPoller poller, IOptions<ChainOptions> options)
{
    public bool Enabled => options.Value.Enabled;

    /// <summary>The vault purpose a deposit key is bound to.</summary>
    public static string KeyPurpose(long dealId) => string.Create(CultureInfo.InvariantCulture, $"deposit-key:{dealId}");

    public async Task<CryptoInvoice> OpenInvoiceAsync(long dealId, CancellationToken cancellationToken)
    {
        if (await store.FindInvoiceAsync(dealId, cancellationToken).ConfigureAwait(false) is { } known)
        {
            return known; // polling started when it was opened; the watchdog keeps it going
        }

        var key = chain.CreateKey();
        var invoice = await store.CreateInvoiceAsync(dealId, key.Address, vault.Encrypt(key.PrivateKey, KeyPurpose(dealId)), cancellationToken)
            .ConfigureAwait(false);
        await poller.EnsurePollingAsync(cancellationToken).ConfigureAwait(false);
        return invoice;
    }
}
