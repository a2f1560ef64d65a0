namespace TrustyTrade.Core.Deals;

/// <summary>
/// Which deals a list shows: by status, by a party (<see cref="UserId"/> as buyer or seller), by listing, and created
/// from <see cref="CreatedFrom"/> to <see cref="CreatedTo"/> (both included). <see cref="Search"/> finds a deal by its
/// number, or deals whose listing title or buyer's or seller's username contains the text. <see cref="ViewerId"/> limits the list to deals the
/// viewer is a party to; it is set by <see cref="DealQueries"/> for users, never taken from a request.
/// </summary>
public sealed record DealFilter(
    DealStatus? Status = null,
    long? UserId = null,
    long? ListingId = null,
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    long? ViewerId = null,
    string? Search = null)
{
    public const int MaxSearchLength = 100;
}
