import { accessToken, expireSession } from './session';
import type {
  AuditEntry,
  Deal,
  DealDetail,
  DealEscrow,
  DealMessage,
  DealStats,
  DealSummary,
  DisputeDecision,
  DisputeView,
  Listing,
  Page,
  Payout,
  Problem,
  TokenPair,
  Transaction,
  User,
} from './types';

export const PAGE_SIZE = 20;

let baseUrl = '/api';

export function setApiBaseUrl(url: string): void {
  baseUrl = url.replace(/\/+$/, '');
}

/** A failed call: an HTTP error with its problem+json, or no answer at all (network). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
  ) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }
}

type QueryValue = string | number | boolean | null | undefined;

interface RequestOptions {
  method?: 'GET' | 'POST';
  query?: Record<string, QueryValue>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Send the bearer token and end the session on 401 (default true). */
  auth?: boolean;
}

export interface ApiResponse<T> {
  data: T;
  headers: Headers;
}

function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const search = params.toString();
  return `${baseUrl}${path}${search ? `?${search}` : ''}`;
}

async function readProblem(response: Response): Promise<Problem | null> {
  try {
    const text = await response.text();
    return text ? (JSON.parse(text) as Problem) : null;
  } catch {
    return null;
  }
}

export async function call<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const auth = options.auth ?? true;
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  const token = accessToken();
  if (auth && token) headers['Authorization'] = `Bearer ${token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), { method: options.method ?? 'GET', headers, body, cache: 'no-store' });
  } catch {
    throw new ApiError(0, null);
  }

  if (!response.ok) {
    const problem = await readProblem(response);
    if (auth && response.status === 401) expireSession();
    throw new ApiError(response.status, problem);
  }
  const text = response.status === 204 ? '' : await response.text();
  return { data: (text ? JSON.parse(text) : undefined) as T, headers: response.headers };
}

async function get<T>(path: string, query?: Record<string, QueryValue>): Promise<T> {
  return (await call<T>(path, { query })).data;
}

async function post<T>(path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
  return (await call<T>(path, { method: 'POST', body, headers })).data;
}

function paged(cursor: string | null | undefined): Record<string, QueryValue> {
  return { cursor, limit: PAGE_SIZE };
}

// Sign-in and session

export function signIn(login: string, password: string, code: string): Promise<TokenPair> {
  return call<TokenPair>('/auth/admin', { method: 'POST', body: { login, password, code }, auth: false }).then((r) => r.data);
}

export async function signOut(refreshToken: string): Promise<void> {
  await call<void>('/auth/signout', { method: 'POST', body: { refreshToken }, auth: false });
}

export const me = (): Promise<User> => get<User>('/me');

// Dashboard

export const stats = (days: number): Promise<DealStats> => get<DealStats>('/stats', { days });

// Deals and disputes

export interface DealFilters {
  status?: string;
  userId?: number;
  listingId?: number;
  createdFrom?: string;
  createdTo?: string;
  q?: string;
}

export const listDeals = (filters: DealFilters, cursor?: string | null): Promise<Page<DealSummary>> =>
  get<Page<DealSummary>>('/deals', { ...filters, ...paged(cursor) });

/** The deal and its ETag (`"v{version}"`) for If-Match. */
export async function getDeal(id: number): Promise<{ detail: DealDetail; etag: string }> {
  const { data, headers } = await call<DealDetail>(`/deals/${id}`);
  return { detail: data, etag: headers.get('ETag') ?? `"v${data.deal.version}"` };
}

export const dealMessages = (id: number): Promise<Page<DealMessage>> => get<Page<DealMessage>>(`/deals/${id}/messages`);

export const dealEscrow = (id: number): Promise<DealEscrow> => get<DealEscrow>(`/escrow/${id}`);

export const dealTransactions = (dealId: number): Promise<Page<Transaction>> =>
  get<Page<Transaction>>('/payments/transactions', { dealId, limit: 100 });

export const resolveDispute = (dealId: number, etag: string, decision: DisputeDecision, idempotencyKey: string): Promise<Deal> =>
  post<Deal>(`/escrow/${dealId}/resolve`, decision, { 'If-Match': etag, 'Idempotency-Key': idempotencyKey });

export const listDisputes = (status: 'open' | 'resolved', cursor?: string | null): Promise<Page<DisputeView>> =>
  get<Page<DisputeView>>('/disputes', { status, ...paged(cursor) });

// Listings

export const listListings = (status: string, cursor?: string | null): Promise<Page<Listing>> =>
  get<Page<Listing>>('/accounts', { status, ...paged(cursor) });

export const approveListing = (id: number): Promise<Listing> => post<Listing>(`/accounts/${id}/approve`);

export const rejectListing = (id: number, reason: string): Promise<Listing> => post<Listing>(`/accounts/${id}/reject`, { reason });

// Users

export interface UserFilters {
  username?: string;
  role?: string;
  banned?: string;
}

export const listUsers = (filters: UserFilters, cursor?: string | null): Promise<Page<User>> =>
  get<Page<User>>('/users', { ...filters, ...paged(cursor) });

export const getUser = (id: number): Promise<User> => get<User>(`/users/${id}`);

export const banUser = (id: number): Promise<User> => post<User>(`/users/${id}/ban`);

export const unbanUser = (id: number): Promise<User> => post<User>(`/users/${id}/unban`);

// Payouts

export const listPayouts = (status: string, cursor?: string | null): Promise<Page<Payout>> =>
  get<Page<Payout>>('/payments/payouts', { status, ...paged(cursor) });

export const approvePayout = (id: number, idempotencyKey: string): Promise<Payout> =>
  post<Payout>(`/payments/payouts/${id}/approve`, undefined, { 'Idempotency-Key': idempotencyKey });

export const rejectPayout = (id: number, reason: string, idempotencyKey: string): Promise<Payout> =>
  post<Payout>(`/payments/payouts/${id}/reject`, { reason }, { 'Idempotency-Key': idempotencyKey });

// Audit

export interface AuditFilters {
  targetType?: string;
  targetId?: string;
}

export const listAudit = (filters: AuditFilters, cursor?: string | null): Promise<Page<AuditEntry>> =>
  get<Page<AuditEntry>>('/audit', { ...filters, ...paged(cursor) });

/** Idempotency keys for money-moving calls: the same submission (same fingerprint) keeps its key across retries. */
export function idempotencyKeys(): (fingerprint: string) => string {
  let last: { fingerprint: string; key: string } | null = null;
  return (fingerprint) => {
    if (last?.fingerprint !== fingerprint) last = { fingerprint, key: newKey() };
    return last.key;
  };
}

function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID needs a secure context; build a v4 UUID from getRandomValues elsewhere.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
