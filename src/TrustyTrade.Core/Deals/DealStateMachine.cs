using TrustyTrade.Core.Ledger;
using TrustyTrade.Core.Listings;
using TrustyTrade.Core.Monetary;

namespace TrustyTrade.Core.Deals;

/// <summary>
/// The escrow rules, as one pure function: given a deal, a command, who asks and when, it accepts with every
/// effect of the step (deal, money, listing, dispute) or refuses with a reason. Nothing else changes a deal.
/// </summary>
/// <remarks>
/// Who may do what, and when:
/// <code>
/// confirm_payment     system                 awaiting_payment → paid          method matches the currency; Stars pay the
///                                                                              price exactly, a chain payment at least it
/// cancel              buyer, seller, admin   awaiting_payment → cancelled
/// expire              system                 awaiting_payment → expired       after the payment deadline
/// deliver             seller, system         paid → delivered
/// refund_undelivered  seller, admin          paid → refunded
///                     buyer, system          paid → refunded                  after the delivery deadline
/// confirm_receipt     buyer                  delivered → completed
/// auto_complete       system                 delivered → completed            after the inspection window
/// open_dispute        buyer, admin           paid, delivered → disputed;  completed → disputed before the warranty ends
///                     seller                 delivered → disputed
/// release             system                 completed → released             after the warranty
/// resolve_dispute     admin                  disputed → resolved
/// </code>
/// </remarks>
public static class DealStateMachine
{
    private const int MaxReasonLength = 2000;

    public static DealDecision Decide(Deal deal, DealCommand command, Actor actor, DateTimeOffset now, EscrowOptions policy)
    {
        ArgumentNullException.ThrowIfNull(deal);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(policy);

        var role = deal.RoleOf(actor);
        if (role == DealRole.Stranger)
        {
            return DealDecision.Refuse(DealRefusalCode.NotAParty, "only the buyer, the seller or an admin may act on this deal");
        }

        var step = new Step(deal, command, actor, role, now);
        return command switch
        {
            ConfirmPayment pay => step.Allow(DealStatus.AwaitingPayment, DealRole.System)
                ?? CheckPayment(deal, pay)
                ?? step.Accept(
                    deal with
                    {
                        Status = DealStatus.Paid,
                        PaidAt = now,
                        DeliveryDueAt = now + policy.DeliveryWindow,
                    },
                    PaymentPosting(deal, pay)),

            CancelDeal => step.Allow(DealStatus.AwaitingPayment, DealRole.Buyer, DealRole.Seller, DealRole.Admin)
                ?? step.Accept(Closed(deal, DealStatus.Cancelled, now), listing: ListingStatus.Active),

            ExpireDeal => step.Allow(DealStatus.AwaitingPayment, DealRole.System)
                ?? step.NotBefore(deal.PaymentDueAt, "the payment deadline")
                ?? step.Accept(Closed(deal, DealStatus.Expired, now), listing: ListingStatus.Active),

            DeliverAccount => step.Allow(DealStatus.Paid, DealRole.Seller, DealRole.System)
                ?? step.Accept(deal with
                {
                    Status = DealStatus.Delivered,
                    DeliveredAt = now,
                    InspectionEndsAt = now + policy.InspectionWindow,
                }),

            RefundUndelivered => step.Allow(DealStatus.Paid, DealRole.Seller, DealRole.Admin, DealRole.Buyer, DealRole.System)
                ?? (role is DealRole.Buyer or DealRole.System ? step.NotBefore(deal.DeliveryDueAt, "the delivery deadline") : null)
                ?? step.Accept(
                    Closed(deal, DealStatus.Refunded, now),
                    LedgerPosting.Transfer("refund", LedgerAccount.Escrow(deal.Id), (LedgerAccount.BuyerRefunds(deal.BuyerId), deal.Price)),
                    ListingStatus.Active),

            ConfirmReceipt => step.Allow(DealStatus.Delivered, DealRole.Buyer) ?? Complete(step, deal, now),

            AutoComplete => step.Allow(DealStatus.Delivered, DealRole.System)
                ?? step.NotBefore(deal.InspectionEndsAt, "the end of the inspection window")
                ?? Complete(step, deal, now),

            OpenDispute open => OpenDisputeDecision(step, deal, open, role, now),

            ReleaseFunds => step.Allow(DealStatus.Completed, DealRole.System)
                ?? step.NotBefore(deal.WarrantyEndsAt, "the end of the warranty")
                ?? step.Accept(
                    Closed(deal, DealStatus.Released, now),
                    PayOut("release", LedgerAccount.WarrantyHold(deal.Id), deal, deal.Price, deal.Fee, Money.Zero(deal.Price.Currency))),

            ResolveDispute resolve => step.Allow(DealStatus.Disputed, DealRole.Admin) ?? Resolve(step, deal, resolve, now),

            _ => throw new ArgumentOutOfRangeException(nameof(command), command.Name, "unknown deal command"),
        };
    }

    private static DealDecision? CheckPayment(Deal deal, ConfirmPayment pay)
    {
        if (pay.Method.Currency() != deal.Price.Currency)
        {
            return DealDecision.Refuse(DealRefusalCode.WrongPaymentMethod,
                $"a {deal.Price.Currency.Code()} deal can't be paid by {pay.Method.ToName()}");
        }

        // Stars are paid through an invoice of exactly the price; a chain payment is what reached the deal's deposit
        // address, and more than the price is the buyer's to keep.
        var enough = pay.Method == PaymentMethod.Crypto ? pay.Amount >= deal.Price : pay.Amount == deal.Price;
        return enough ? null : DealDecision.Refuse(DealRefusalCode.WrongAmount, $"paid {pay.Amount}, the price is {deal.Price}");
    }

    /// <summary>
    /// Stars arrive with the payment itself. A chain payment was already booked to the deal's deposits as each transfer
    /// confirmed (<see cref="LedgerAccountKind.Deposits"/>): the price goes on to escrow, anything over it to the buyer.
    /// </summary>
    private static LedgerPosting PaymentPosting(Deal deal, ConfirmPayment pay) => pay.Method == PaymentMethod.Crypto
        ? LedgerPosting.Transfer("payment", LedgerAccount.Deposits(deal.Id),
            (LedgerAccount.Escrow(deal.Id), deal.Price), (LedgerAccount.BuyerRefunds(deal.BuyerId), pay.Amount - deal.Price))
        : LedgerPosting.Transfer("payment", LedgerAccount.PaymentsReceived, (LedgerAccount.Escrow(deal.Id), deal.Price));

    private static DealDecision Complete(Step step, Deal deal, DateTimeOffset now) => step.Accept(
        deal with
        {
            Status = DealStatus.Completed,
            CompletedAt = now,
            WarrantyEndsAt = now + TimeSpan.FromDays(deal.WarrantyDays),
        },
        LedgerPosting.Transfer("complete", LedgerAccount.Escrow(deal.Id), (LedgerAccount.WarrantyHold(deal.Id), deal.Price)),
        ListingStatus.Sold);

    private static DealDecision OpenDisputeDecision(Step step, Deal deal, OpenDispute open, DealRole role, DateTimeOffset now)
    {
        var refusal = role == DealRole.Seller
            ? step.Allow(DealStatus.Delivered, DealRole.Seller)
            : step.AllowIn([DealStatus.Paid, DealStatus.Delivered, DealStatus.Completed], DealRole.Buyer, DealRole.Admin);
        if (refusal is not null)
        {
            return refusal;
        }

        if (string.IsNullOrWhiteSpace(open.Reason) || open.Reason.Length > MaxReasonLength)
        {
            return DealDecision.Refuse(DealRefusalCode.ReasonRequired, $"say what went wrong (1–{MaxReasonLength} characters)");
        }

        if (deal.Status == DealStatus.Completed && now >= deal.WarrantyEndsAt)
        {
            return DealDecision.Refuse(DealRefusalCode.WarrantyOver, "the warranty on this deal is over");
        }

        return step.Accept(deal with { Status = DealStatus.Disputed, DisputedFrom = deal.Status });
    }

    private static DealDecision Resolve(Step step, Deal deal, ResolveDispute resolve, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(resolve.Note) || resolve.Note.Length > MaxReasonLength)
        {
            return DealDecision.Refuse(DealRefusalCode.ReasonRequired, $"write the decision's grounds (1–{MaxReasonLength} characters)");
        }

        var price = deal.Price;
        var zero = Money.Zero(price.Currency);
        Money sellerShare;
        switch (resolve.Outcome)
        {
            case DisputeOutcome.ReleaseToSeller:
                sellerShare = price;
                break;
            case DisputeOutcome.RefundToBuyer:
                sellerShare = zero;
                break;
            case DisputeOutcome.Split when resolve.SellerShare is { } share
                && share.Currency == price.Currency && share.IsWellFormed && share > zero && share < price:
                sellerShare = share;
                break;
            case DisputeOutcome.Split:
                return DealDecision.Refuse(DealRefusalCode.InvalidSplit,
                    $"a split gives the seller more than 0 and less than {price}, in whole units of {price.Currency.Code()}");
            default:
                throw new ArgumentOutOfRangeException(nameof(resolve), resolve.Outcome, "unknown dispute outcome");
        }

        // The commission follows the seller's share: all of it on a release, a pro-rata part on a split.
        var fee = new Money(deal.Fee.Amount * sellerShare.Amount / price.Amount, price.Currency).Rounded();
        var settlement = new DisputeSettlement(resolve.Outcome, sellerShare, fee, price - sellerShare);
        var heldIn = deal.DisputedFrom == DealStatus.Completed ? LedgerAccount.WarrantyHold(deal.Id) : LedgerAccount.Escrow(deal.Id);
        return step.Accept(
            Closed(deal, DealStatus.Resolved, now),
            PayOut("resolve", heldIn, deal, sellerShare, fee, settlement.BuyerShare),
            sellerShare.IsZero ? ListingStatus.Removed : ListingStatus.Sold,
            settlement);
    }

    /// <summary>Moves money out of a hold: the seller's share less the fee, the fee, and the buyer's share.</summary>
    private static LedgerPosting PayOut(string kind, LedgerAccount heldIn, Deal deal, Money sellerShare, Money fee, Money buyerShare) =>
        LedgerPosting.Transfer(kind, heldIn,
            (LedgerAccount.SellerAvailable(deal.SellerId), sellerShare - fee),
            (LedgerAccount.PlatformFees, fee),
            (LedgerAccount.BuyerRefunds(deal.BuyerId), buyerShare));

    private static Deal Closed(Deal deal, DealStatus status, DateTimeOffset now) => deal with { Status = status, ClosedAt = now };

    /// <summary>One decision in progress: the checks every rule shares.</summary>
    private sealed record Step(Deal Deal, DealCommand Command, Actor Actor, DealRole Role, DateTimeOffset Now)
    {
        public DealDecision? Allow(DealStatus status, params DealRole[] roles) => AllowIn([status], roles);

        public DealDecision? AllowIn(DealStatus[] statuses, params DealRole[] roles)
        {
            if (!statuses.Contains(Deal.Status))
            {
                return DealDecision.Refuse(DealRefusalCode.NotAllowedInStatus,
                    $"'{Command.Name}' is not possible while the deal is {Deal.Status.ToName()}");
            }

            return roles.Contains(Role)
                ? null
                : DealDecision.Refuse(DealRefusalCode.NotAllowedForRole,
                    $"the {Role.ToString().ToLowerInvariant()} may not '{Command.Name}' this deal");
        }

        public DealDecision? NotBefore(DateTimeOffset? moment, string what) =>
            moment is { } due && Now < due
                ? DealDecision.Refuse(DealRefusalCode.TooEarly, $"not before {what} ({due:u})")
                : null;

        public DealDecision Accept(Deal after, LedgerPosting? posting = null, ListingStatus? listing = null, DisputeSettlement? settlement = null) =>
            DealDecision.Accept(new DealTransition(Deal, after with { Version = Deal.Version + 1 }, Command, Actor, posting, listing, settlement));
    }
}
