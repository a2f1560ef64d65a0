using System.Globalization;
using Dapper;
using Npgsql;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Ledger;
using TrustyTrade.Core.Listings;
using TrustyTrade.Core.Monetary;
using TrustyTrade.Infrastructure.Persistence.Escrow;

namespace TrustyTrade.IntegrationTests.Reliability;

/// <summary>The escrow invariants, read with SQL from what the database holds: per history against the model, and over the whole ledger.</summary>
internal sealed class LedgerAudit(NpgsqlDataSource dataSource)
{
    /// <summary>Whole-ledger checks: each a query that lists what breaks the invariant (nothing when it holds).</summary>
    private static readonly (string Invariant, string Sql)[] WholeLedger =
    [
        ("every posting sums to zero per currency",
            "SELECT posting_id || ' ' || currency FROM ledger_entries GROUP BY posting_id, currency HAVING sum(amount) <> 0"),
        ("the whole ledger sums to zero per currency",
            "SELECT currency || ' ' || sum(amount) FROM ledger_entries GROUP BY currency HAVING sum(amount) <> 0"),
        ("no escrow, warranty hold, earnings, refunds owed or pending payout is negative",
            """
            SELECT account_kind || ' ' || owner_id || ' ' || currency || ' ' || sum(amount) FROM ledger_entries
            WHERE account_kind IN ('escrow', 'warranty_hold', 'seller_available', 'buyer_refunds', 'payout_pending')
            GROUP BY account_kind, owner_id, currency HAVING sum(amount) < 0
            """),
        ("a deal is paid out at most once: one release, refund or resolution posting, never two",
            "SELECT deal_id::text FROM ledger_postings WHERE kind IN ('release', 'refund', 'resolve') GROUP BY deal_id HAVING count(*) > 1"),
        ("a deal's closing posting is the one its final status names",
            """
            SELECT d.id || ' ' || d.escrow_status || ' ' || p.kind FROM deals d JOIN ledger_postings p ON p.deal_id = d.id
            WHERE p.kind IN ('release', 'refund', 'resolve')
              AND p.kind IS DISTINCT FROM CASE d.escrow_status WHEN 'released' THEN 'release' WHEN 'refunded' THEN 'refund' WHEN 'resolved' THEN 'resolve' END
            """),
        ("a deal released, refunded or resolved has its closing posting",
            """
            SELECT d.id || ' ' || d.escrow_status FROM deals d WHERE d.escrow_status IN ('released', 'refunded', 'resolved')
              AND NOT EXISTS (SELECT 1 FROM ledger_postings p WHERE p.deal_id = d.id AND p.kind IN ('release', 'refund', 'resolve'))
            """),
        ("each payment is credited once: one payment posting per deal",
            "SELECT deal_id::text FROM ledger_postings WHERE kind = 'payment' GROUP BY deal_id HAVING count(*) > 1"),
        ("each payment is credited once: one payments record per deal and per reference",
            """
            SELECT 'deal ' || deal_id FROM transactions GROUP BY deal_id HAVING count(*) > 1
            UNION ALL SELECT 'ref ' || transaction_hash FROM transactions GROUP BY payment_method, transaction_hash HAVING count(*) > 1
            """),
        ("payouts never exceed what the user was credited",
            """
            SELECT p.user_id || ' ' || p.source_currency || ' ' || p.asked || ' > ' || coalesce(c.credited, 0)
            FROM (SELECT user_id, source_currency, sum(source_amount) AS asked FROM payouts GROUP BY user_id, source_currency) p
            LEFT JOIN (SELECT e.owner_id, e.currency, sum(e.amount) AS credited FROM ledger_entries e
                       JOIN ledger_postings lp ON lp.id = e.posting_id
                       WHERE e.account_kind IN ('seller_available', 'buyer_refunds') AND e.amount > 0 AND lp.payout_id IS NULL
                       GROUP BY e.owner_id, e.currency) c ON c.owner_id = p.user_id AND c.currency = p.source_currency
            WHERE p.asked > coalesce(c.credited, 0)
            """),
        ("every accepted step of a deal is one event, versions without gaps",
            "SELECT d.id || ' v' || d.version || ' events ' || count(e.*) FROM deals d LEFT JOIN deal_events e ON e.deal_id = d.id GROUP BY d.id HAVING count(e.*) <> d.version + 1 OR max(e.version) <> d.version"),
    ];

    private static readonly string[] DealAccounts = [LedgerAccountKind.Escrow.ToName(), LedgerAccountKind.WarrantyHold.ToName(), LedgerAccountKind.Deposits.ToName()];

    private static readonly string[] UserAccounts =
        [LedgerAccountKind.SellerAvailable.ToName(), LedgerAccountKind.BuyerRefunds.ToName(), LedgerAccountKind.PayoutPending.ToName()];

    public static int WholeLedgerInvariants => WholeLedger.Length;

    /// <summary>Compares one history's deals, listings and accounts with its model; returns how many facts were checked.</summary>
    public async Task<int> CheckHistoryAsync(DealModel model, Action<string> fail)
    {
        var deals = model.Deals.Keys.ToArray();
        var users = new[] { model.SellerId, model.BuyerId };
        var listings = model.Listings.Keys.ToArray();
        await using var connection = await dataSource.OpenConnectionAsync();
        using var reader = await connection.QueryMultipleAsync(
            """
            SELECT account_kind AS Kind, owner_id AS Owner, currency AS Currency, sum(amount) AS Amount FROM ledger_entries
            WHERE (account_kind = ANY(@dealAccounts) AND owner_id = ANY(@deals)) OR (account_kind = ANY(@userAccounts) AND owner_id = ANY(@users))
            GROUP BY account_kind, owner_id, currency HAVING sum(amount) <> 0;
            SELECT id AS Id, escrow_status AS Status, version AS Version FROM deals WHERE id = ANY(@deals) OR account_id = ANY(@listings);
            SELECT id AS Id, status AS Status FROM accounts WHERE id = ANY(@listings);
            """,
            new { deals, users, listings, dealAccounts = DealAccounts, userAccounts = UserAccounts });
        var stored = (await reader.ReadAsync<BalanceRow>())
            .ToDictionary(b => (LedgerAccountNames.Parse(b.Kind), b.Owner, Enum.Parse<Currency>(b.Currency)), b => b.Amount);
        var expected = model.Balances.Where(b => b.Value != 0m).ToDictionary(b => b.Key, b => b.Value);
        foreach (var key in stored.Keys.Union(expected.Keys))
        {
            var (have, want) = (stored.GetValueOrDefault(key), expected.GetValueOrDefault(key));
            if (have != want)
            {
                fail(string.Create(CultureInfo.InvariantCulture, $"the ledger holds {have} on {key.Item1} {key.Item2} {key.Item3}, the model {want}"));
            }
        }

        var dealRows = (await reader.ReadAsync<DealStatusRow>()).ToList();
        if (dealRows.Count != deals.Length)
        {
            fail($"the database has {dealRows.Count} deals on the history's listings, the model {deals.Length}");
        }

        foreach (var row in dealRows)
        {
            var deal = model.Deals[row.Id];
            if (row.Status != deal.Status.ToName() || row.Version != deal.Version)
            {
                fail($"deal {row.Id} is {row.Status} v{row.Version}, the model says {deal.Status} v{deal.Version}");
            }
        }

        foreach (var row in await reader.ReadAsync<ListingRow>())
        {
            if (row.Status != model.Listings[row.Id].ToName())
            {
                fail($"listing {row.Id} is {row.Status}, the model says {model.Listings[row.Id]}");
            }
        }

        return stored.Count + expected.Count + dealRows.Count + listings.Length;
    }

    /// <summary>Every whole-ledger invariant that does not hold, with what breaks it.</summary>
    public async Task<IReadOnlyList<string>> BrokenInvariantsAsync()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var broken = new List<string>();
        foreach (var (invariant, sql) in WholeLedger)
        {
            var rows = (await connection.QueryAsync<string>(sql)).ToList();
            if (rows.Count > 0)
            {
                broken.Add($"{invariant}: {string.Join("; ", rows.Take(10))}");
            }
        }

        return broken;
    }

    private sealed record BalanceRow(string Kind, long Owner, string Currency, decimal Amount);

    private sealed record DealStatusRow(long Id, string Status, int Version);

    private sealed record ListingRow(long Id, string Status);
}
