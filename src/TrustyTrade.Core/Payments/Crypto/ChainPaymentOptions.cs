using System.ComponentModel.DataAnnotations;

namespace TrustyTrade.Core.Payments.Crypto;

/// <summary>How chain payments are watched (section <c>Chain</c>; the RPC and token settings are the client's).</summary>
public sealed class ChainPaymentOptions
{
    public const string SectionName = "Chain";

    /// <summary>Off by default: a deployment without a chain offers Stars only.</summary>
    public bool Enabled { get; set; }

    /// <summary>The network's name shown to buyers next to the address (e.g. "Ethereum", "BNB Smart Chain").</summary>
    [Required]
    public string NetworkName { get; set; } = "Ethereum";

    /// <summary>The USDT contract buyers send (shown to them: a token from another contract credits nothing).</summary>
    public string TokenContract { get; set; } = string.Empty;

    /// <summary>Blocks on top of a transfer's own before it counts (1: the block it is in is enough).</summary>
    [Range(1, 1000)]
    public int Confirmations { get; set; } = 12;

    [Range(1, 3600)]
    public int PollSeconds { get; set; } = 5;

    /// <summary>The most blocks one <c>eth_getLogs</c> asks for (providers cap ranges).</summary>
    [Range(1, 100_000)]
    public int MaxBlockRange { get; set; } = 2000;

    /// <summary>How long after an invoice opens its address is still watched, for payments after the deadline.</summary>
    [Range(1, 365)]
    public int WatchDays { get; set; } = 7;
}
