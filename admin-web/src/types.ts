/** Shapes of the TrustyTrade HTTP API (see functions/TrustyTrade.Functions/Api/OpenApi/*.json). */

export type Currency = 'XTR' | 'USDT';

export interface Money {
  amount: string;
  currency: Currency;
}

export interface Page<T> {
  items: T[];
  next?: string | null;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
}

export type Role = 'user' | 'admin';

export interface TokenPair {
  userId: number;
  role: Role;
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
}

export interface User {
  id: number;
  telegramId: number;
  username?: string | null;
  language?: 'ru' | 'en';
  role: Role;
  isBanned: boolean;
  rating: number;
  ratingsCount: number;
  createdAt: string;
}

export const DEAL_STATUSES = [
  'awaitingPayment',
  'paid',
  'delivered',
  'completed',
  'released',
  'cancelled',
  'expired',
  'refunded',
  'disputed',
  'resolved',
] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];

export interface Deal {
  id: number;
  sellerId: number;
  buyerId: number;
  listingId: number;
  status: DealStatus;
  price: Money;
  fee: Money;
  warrantyDays: number;
  version: number;
  createdAt: string;
  paymentDueAt: string;
  paidAt?: string;
  deliveryDueAt?: string;
  deliveredAt?: string;
  inspectionEndsAt?: string;
  completedAt?: string;
  warrantyEndsAt?: string;
  closedAt?: string;
  disputedFrom?: DealStatus;
}

export interface DealSummary {
  deal: Deal;
  title: string;
  hasCredentials: boolean;
}

export interface DealEvent {
  command: string;
  from?: DealStatus;
  to: DealStatus;
  actor: 'user' | 'admin' | 'system';
  at: string;
  version?: number;
}

export interface DealWorkflowState {
  status: 'pending' | 'running' | 'completed' | 'failed' | 'terminated' | 'suspended';
  lastUpdatedAt: string;
  failure?: string;
}

export type DisputeOutcome = 'release' | 'refund' | 'split';

export interface DisputeEvidence {
  id: number;
  submittedBy: number;
  kind: 'text' | 'photo' | 'document';
  text?: string;
  hasFile: boolean;
  at: string;
}

/** `Dispute` in deals.json (the brief calls it DisputeView). */
export interface DisputeView {
  id?: number;
  dealId: number;
  title: string;
  price: Money;
  sellerId: number;
  buyerId: number;
  openedByKind: 'user' | 'admin';
  openedBy?: number;
  reason: string;
  heldIn: 'escrow' | 'warrantyHold';
  status: 'open' | 'resolved';
  openedAt: string;
  ageHours: number;
  dealVersion: number;
  outcome?: DisputeOutcome;
  sellerShare?: Money;
  buyerShare?: Money;
  fee?: Money;
  resolvedBy?: number;
  resolutionNote?: string;
  resolvedAt?: string;
  /** Filled on one deal's page; empty in lists. */
  evidence?: DisputeEvidence[];
}

export interface DealDetail {
  deal: Deal;
  title: string;
  timeline: DealEvent[];
  workflow?: DealWorkflowState;
  dispute?: DisputeView;
}

export interface DealMessage {
  id: number;
  dealId: number;
  senderId: number;
  recipientId: number;
  body: string;
  createdAt: string;
}

export interface LedgerAccount {
  kind: string;
  ownerId?: number;
}

export interface LedgerBalance {
  account: LedgerAccount;
  balance: Money;
}

export interface DealLedgerEntry {
  id: number;
  postingId: number;
  kind: string;
  account: LedgerAccount;
  amount: Money;
  at: string;
}

export interface DealEscrow {
  deal: Deal;
  balances: LedgerBalance[];
  entries: DealLedgerEntry[];
}

export interface DisputeDecision {
  outcome: DisputeOutcome;
  reason: string;
  sellerShare?: Money;
}

export interface Transaction {
  id: number;
  dealId: number;
  method: 'telegramStars' | 'crypto';
  amount: Money;
  status: 'pending' | 'confirmed' | 'failed' | 'refunded';
  transactionHash?: string;
  createdAt: string;
}

export const LISTING_STATUSES = ['draft', 'pendingModeration', 'active', 'reserved', 'sold', 'removed'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];

export interface Listing {
  id: number;
  sellerId: number;
  game: string;
  title: string;
  description: string;
  price: Money;
  status: ListingStatus;
  hasCredentials: boolean;
  createdAt: string;
  rejectionReason?: string;
}

export const PAYOUT_STATUSES = [
  'requested',
  'approved',
  'rejected',
  'transactionSigned',
  'sent',
  'confirmed',
  'failed',
] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

export interface Payout {
  id: number;
  userId: number;
  amount: Money;
  source: Money;
  rate?: string;
  address: string;
  status: PayoutStatus;
  txHash?: string;
  blockNumber?: number;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorKind: 'user' | 'admin' | 'api_key' | 'system';
  actorId?: number | null;
  apiKeyId?: number | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
  clientIp?: string | null;
}

export interface DealStats {
  at: string;
  daily: { day: string; count: number; volume: Money[] }[];
  byStatus: { status: string; count: number }[];
  escrowHeld: Money[];
  disputes: {
    open: number;
    oldestHours?: number | null;
    underOneDay: number;
    oneToThreeDays: number;
    threeToSevenDays: number;
    overSevenDays: number;
  };
}
