using Microsoft.Extensions.Options;
using TrustyTrade.Core.Payments.Chain;

namespace TrustyTrade.Core.Payments.Payouts;

/// <summary>
/// The platform's hot wallet: its key comes from configuration (<c>Chain:HotWalletKey</c>), its address is derived
/// from it. The key is handed only to the chain client's signer, and this type's text never shows it.
/// </summary>
public sealed class HotWallet(IChainClient chain, IOptions<ChainOptions> options)
{
    private string? _address;

    public string Address => _address ??= chain.DeriveAddress(PrivateKey);

    internal string PrivateKey => options.Value.HotWalletKey;

    public override string ToString() => "HotWallet"; // never the key
}
