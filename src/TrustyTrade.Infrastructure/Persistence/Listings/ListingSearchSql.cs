using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using TrustyTrade.Core.Listings;

namespace TrustyTrade.Infrastructure.Persistence.Listings;

/// <summary>
/// The search as one SQL statement, shaped so a partial index over active listings serves each order of a buyer's
/// search: keyset pagination compares (sort key, id) row values, never OFFSET. A seller's own list and moderators'
/// lists (another status, one seller) are small and served by the status and seller indexes.
/// </summary>
internal static class ListingSearchSql
{
    public static (string Sql, DynamicParameters Parameters) Build(ListingSearch search)
    {
        ArgumentNullException.ThrowIfNull(search);
        var parameters = new DynamicParameters();
        parameters.Add("limit", search.Limit);
        var sql = new StringBuilder($"SELECT {ListingRow.Columns} FROM accounts WHERE ");
        if (search.Status is { } status)
        {
            // The literal, not a parameter, for the usual case: the planner matches it to the partial indexes.
            if (status == ListingStatus.Active)
            {
                // What is on sale: a banned seller's listings are not (they come back if the seller is unbanned).
                sql.Append("status = 'active' AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = accounts.user_id AND u.is_banned)");
            }
            else
            {
                sql.Append("status = @status");
                parameters.Add("status", status.ToName());
            }
        }
        else
        {
            sql.Append("status <> 'removed'");
        }

        if (search.SellerId is { } sellerId)
        {
            sql.Append(" AND user_id = @sellerId");
            parameters.Add("sellerId", sellerId);
        }

        if (search.Game is not null)
        {
            sql.Append(" AND game = @game");
            parameters.Add("game", search.Game);
        }

        if (search.Currency is { } currency)
        {
            sql.Append(" AND currency = @currency");
            parameters.Add("currency", currency.ToString());
        }

        if (search.MinPrice is { } min)
        {
            sql.Append(" AND price >= @minPrice");
            parameters.Add("minPrice", min);
        }

        if (search.MaxPrice is { } max)
        {
            sql.Append(" AND price <= @maxPrice");
            parameters.Add("maxPrice", max);
        }

        // Words hold only letters and digits, so the queries can't carry tsquery operators of their own. Within a
        // game every prefix of every word is indexed (migration 0003), so each word is an exact lexeme, not a prefix.
        if (search.Words.Count > 0 && search.Game is not null)
        {
            var scope = GameScope(search.Game);
            sql.Append(" AND listing_search_prefixes(game, title, description) @@ @query::tsquery");
            parameters.Add("query", string.Join(" & ", search.Words.Select(w => $"'{scope}{w}'")));
        }
        else if (search.Words.Count > 0)
        {
            sql.Append(" AND search_vector @@ to_tsquery('simple', @query)");
            parameters.Add("query", string.Join(" & ", search.Words.Select(w => w + ":*")));
        }

        if (search.After is { } after)
        {
            switch (search.Sort)
            {
                case ListingSort.Newest:
                    sql.Append(" AND (created_at, id) < (@afterCreatedAt, @afterId)");
                    parameters.Add("afterCreatedAt", after.CreatedAt);
                    break;
                case ListingSort.PriceAscending:
                    sql.Append(" AND (price, id) > (@afterPrice, @afterId)");
                    parameters.Add("afterPrice", after.Price);
                    break;
                case ListingSort.PriceDescending:
                    sql.Append(" AND (price, id) < (@afterPrice, @afterId)");
                    parameters.Add("afterPrice", after.Price);
                    break;
            }

            parameters.Add("afterId", after.Id);
        }

        sql.Append(search.Sort switch
        {
            ListingSort.PriceAscending => " ORDER BY price, id",
            ListingSort.PriceDescending => " ORDER BY price DESC, id DESC",
            _ => " ORDER BY created_at DESC, id DESC",
        });
        sql.Append(" LIMIT @limit");
        return (sql.ToString(), parameters);
    }

    /// <summary>The prefix <c>listing_search_prefixes</c> (migration 0003) puts on a game's words: md5's first 8 hex digits.</summary>
    [SuppressMessage("Security", "CA5351:Do Not Use Broken Cryptographic Algorithms",
        Justification = "Not security: a short stable tag matching PostgreSQL's md5() in the search index.")]
    internal static string GameScope(string game) =>
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(game)))[..8];
}
