using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Functions.Api.Accounts;

public sealed record PriceChange(Money Price);
