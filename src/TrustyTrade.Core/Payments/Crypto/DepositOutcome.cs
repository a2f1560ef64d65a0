namespace TrustyTrade.Core.Payments.Crypto;

/// <summary>What recording one confirmed transfer did.</summary>
public enum DepositOutcome
{
    /// <summary>Booked to the deal's deposits while it awaits payment.</summary>
    Deposited,

    /// <summary>The deal no longer awaits payment: credited to the buyer's balance and flagged for an admin.</summary>
    CreditedLate,

    /// <summary>This transfer (hash and log) was recorded before: nothing changed.</summary>
    Replayed,
}
