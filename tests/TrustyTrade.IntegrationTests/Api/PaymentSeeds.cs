using System.Security.Cryptography;
using Npgsql;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Idempotency;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Core.Payments.Crypto;
using TrustyTrade.Core.Payments.Payouts;
using TrustyTrade.Core.Vault;
using TrustyTrade.IntegrationTests.Infrastructure;

namespace TrustyTrade.IntegrationTests.Api;

/// <summary>Payment data for API tests, made through the app's own services where they exist, else straight in the database.</summary>
internal sealed class PaymentSeeds(ApiTestHost host)
{
    public const string PayoutAccount = "seller_available";

    public TestData Data { get; } = new(host.Get<NpgsqlDataSource>());

    public static string NewAddress() => "0x" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    /// <summary>A USDT deal that <paramref name="buyerId"/> bought from a new seller (awaiting payment).</summary>
    public async Task<Deal> DealAsync(long buyerId, decimal price = 25m)
    {
        var seller = await Data.UserAsync();
        var listing = await Data.ListingAsync(seller, new Money(price, Currency.USDT));
        return await TestData.BuyAsync(host.Get<DealService>(), listing, buyerId);
    }

    /// <summary>A deal's invoice with a fresh address (a placeholder for its sealed key: these tests never sweep).</summary>
    public Task<CryptoInvoice> InvoiceAsync(long dealId) =>
        host.Get<IChainPaymentStore>().CreateInvoiceAsync(dealId, NewAddress(), new EncryptedSecret("test", [1, 2, 3]), CancellationToken.None);

    /// <summary>A row of the seed's <c>transactions</c> for the deal; returns its id.</summary>
    public Task<long> TransactionAsync(long dealId, string method = "crypto", string status = "confirmed", decimal amount = 25m) =>
        Data.ScalarAsync<long>(
            """
            INSERT INTO transactions (deal_id, payment_method, amount, currency, status, transaction_hash)
            VALUES (@dealId, @method, @amount, CASE WHEN @method = 'crypto' THEN 'USDT' ELSE 'XTR' END, @status, @hash)
            RETURNING id
            """,
            new { dealId, method, status, amount, hash = "0x" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)) });

    /// <summary>A requested payout of 1 USDT by <paramref name="userId"/>, credited enough first.</summary>
    public async Task<Payout> PayoutAsync(long userId)
    {
        await Data.CreditAsync(userId, PayoutAccount, new Money(10m, Currency.USDT));
        var result = await host.Get<PayoutService>().RequestAsync(
            new PayoutRequest(userId, new Money(1m, Currency.USDT), NewAddress(), new IdempotencyKey($"test:{Guid.NewGuid():N}")), CancellationToken.None);
        return result.Payout ?? throw new InvalidOperationException($"payout refused: {result.Refusal}");
    }
}
