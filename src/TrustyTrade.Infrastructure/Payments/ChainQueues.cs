using System.Globalization;

namespace TrustyTrade.Infrastructure.Payments;

/// <summary>The chain poller's queue: each message is one numbered tick.</summary>
public static class ChainQueues
{
    public const string Poll = "chain-poll";

    public const string Poison = Poll + "-poison";

    /// <summary>A tick message is its number, nothing else.</summary>
    public static bool TryParseTick(string message, out long tick) =>
        long.TryParse(message, NumberStyles.None, CultureInfo.InvariantCulture, out tick);
}
