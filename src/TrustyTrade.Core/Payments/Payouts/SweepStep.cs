namespace TrustyTrade.Core.Payments.Payouts;

/// <summary>How far a deposit's sweep to the hot wallet went.</summary>
public enum SweepStep
{
    /// <summary>The hot wallet's coin for one token transfer is signed and stored (and broadcast, or about to be).</summary>
    GasFunded,

    /// <summary>The token transfer of the whole deposit to the hot wallet is signed and stored.</summary>
    Swept,
}
