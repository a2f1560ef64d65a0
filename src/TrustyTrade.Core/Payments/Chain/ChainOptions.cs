using System.ComponentModel.DataAnnotations;

namespace TrustyTrade.Core.Payments.Chain;

/// <summary>
/// The EVM chain crypto payments use (section <c>Chain</c>): its JSON-RPC endpoint, chain id and the token (USDT)
/// contract, how deposits are watched and how the platform's transactions are priced. Off by default, so a deployment
/// that takes only Stars starts without a node; when on, the endpoint and the token are required.
/// </summary>
public sealed class ChainOptions : IValidatableObject
{
    public const string SectionName = "Chain";

    public bool Enabled { get; set; }

    /// <summary>The node's JSON-RPC URL (a provider URL may carry an API key: it is never logged).</summary>
    public string RpcUrl { get; set; } = "";

    /// <summary>Signed into every transaction (EIP-155), so a transaction can't be replayed on another chain.</summary>
    [Range(1, long.MaxValue)]
    public long ChainId { get; set; } = 1337;

    /// <summary>The token's contract address, 0x and 40 hex digits.</summary>
    public string TokenContract { get; set; } = "";

    [Range(0, 18)]
    public int TokenDecimals { get; set; } = 6;

    /// <summary>The network's name shown to buyers next to the address (e.g. "Ethereum", "BNB Smart Chain").</summary>
    [Required]
    public string NetworkName { get; set; } = "Ethereum";

    /// <summary>Confirmations before a transfer counts, its own block included (1: being in a block is enough).</summary>
    [Range(1, 1000)]
    public int Confirmations { get; set; } = 12;

    [Range(1, 3600)]
    public int PollSeconds { get; set; } = 5;

    /// <summary>The widest block range one <c>eth_getLogs</c> asks for (providers cap it; 2,000 is commonly allowed).</summary>
    [Range(1, 100_000)]
    public int MaxBlockRange { get; set; } = 2000;

    /// <summary>
    /// The gas price of transactions the platform signs, in gwei. Signing is offline and synchronous (the signed
    /// transaction is stored before it is sent), so the price is configured rather than asked of the node each time.
    /// </summary>
    [Range(typeof(decimal), "0.000000001", "100000", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public decimal GasPriceGwei { get; set; } = 2m;

    /// <summary>Gas limit of a token transfer: an ERC-20 transfer to a fresh address costs about 52,000.</summary>
    [Range(21_000, 1_000_000)]
    public int TokenTransferGas { get; set; } = 100_000;

    [Range(1, 300)]
    public int RequestTimeoutSeconds { get; set; } = 30;

    /// <summary>How long after an invoice opens its address is still watched, for payments after the deadline.</summary>
    [Range(1, 365)]
    public int WatchDays { get; set; } = 7;

    /// <summary>
    /// The hot wallet's private key (hex): it pays seller payouts and receives swept deposits. A secret: read from
    /// configuration (Key Vault in Azure), never logged or echoed in a validation message. Required when the chain is on.
    /// </summary>
    public string HotWalletKey { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        if (!Uri.TryCreate(RpcUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            // The URL itself is not echoed: a provider's URL often carries its API key.
            yield return new ValidationResult("Chain:RpcUrl must be an http(s) URL when Chain:Enabled is true.", [nameof(RpcUrl)]);
        }

        if (!ChainAddress.IsValid(TokenContract))
        {
            yield return new ValidationResult("Chain:TokenContract must be a 0x address of 40 hex digits when Chain:Enabled is true.", [nameof(TokenContract)]);
        }

        if (!IsPrivateKey(HotWalletKey))
        {
            // Only that it is wrong, never what was given: the value is a private key.
            yield return new ValidationResult("Chain:HotWalletKey must be a private key of 64 hex digits when Chain:Enabled is true.", [nameof(HotWalletKey)]);
        }
    }

    private static bool IsPrivateKey(string? key)
    {
        var hex = key is not null && key.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? key[2..] : key;
        return hex is { Length: 64 } && hex.All(char.IsAsciiHexDigit);
    }
}
