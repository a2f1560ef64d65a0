namespace TrustyTrade.Core.Payments.Stars;

/// <summary>What one comparison with Telegram saw: transactions listed there, charges here, differences, and how many were new.</summary>
public sealed record StarsReconciliationReport(int TelegramTransactions, int OurCharges, int Differences, int NewFlags);
