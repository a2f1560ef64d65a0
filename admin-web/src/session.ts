import type { TokenPair } from './types';

/**
 * The admin's session. Only the short-lived access token and its expiry are kept in sessionStorage (a reload keeps
 * the session until it expires); the refresh token lives in memory only and is used for nothing but signing out.
 * The session ends at the access token's expiry: there is no silent refresh.
 */
interface StoredSession {
  accessToken: string;
  expiresAt: string;
  userId: number;
}

const STORAGE_KEY = 'tt.admin.session';
const MAX_TIMEOUT_MS = 2_147_483_647;

let current: StoredSession | null = null;
let refreshToken: string | null = null;
let expiryTimer: number | undefined;
let expiredNotice = false;
let onEnded: () => void = () => {};

function isLive(session: StoredSession): boolean {
  return Date.parse(session.expiresAt) > Date.now();
}

function readStored(): StoredSession | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<StoredSession>;
    if (typeof parsed.accessToken !== 'string' || typeof parsed.expiresAt !== 'string' || typeof parsed.userId !== 'number') {
      return null;
    }
    return { accessToken: parsed.accessToken, expiresAt: parsed.expiresAt, userId: parsed.userId };
  } catch {
    return null;
  }
}

function scheduleExpiry(session: StoredSession): void {
  window.clearTimeout(expiryTimer);
  const delay = Date.parse(session.expiresAt) - Date.now();
  if (delay > MAX_TIMEOUT_MS) {
    // Far-off expiry: check again later rather than overflow setTimeout.
    expiryTimer = window.setTimeout(() => scheduleExpiry(session), MAX_TIMEOUT_MS);
    return;
  }
  expiryTimer = window.setTimeout(expireSession, Math.max(0, delay));
}

function clear(): void {
  window.clearTimeout(expiryTimer);
  expiryTimer = undefined;
  current = null;
  refreshToken = null;
  sessionStorage.removeItem(STORAGE_KEY);
}

/** Restores a stored session (if still valid) and sets what happens when the session ends. */
export function initSession(whenEnded: () => void): void {
  onEnded = whenEnded;
  const stored = readStored();
  if (!stored) return;
  if (isLive(stored)) {
    current = stored;
    scheduleExpiry(stored);
  } else {
    clear();
    expiredNotice = true;
  }
}

export function startSession(pair: TokenPair): void {
  current = { accessToken: pair.accessToken, expiresAt: pair.accessTokenExpiresAt, userId: pair.userId };
  refreshToken = pair.refreshToken;
  expiredNotice = false;
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(current));
  scheduleExpiry(current);
}

export function accessToken(): string | null {
  return current && isLive(current) ? current.accessToken : null;
}

export function isSignedIn(): boolean {
  return accessToken() !== null;
}

export function signedInUserId(): number | null {
  return current?.userId ?? null;
}

/** Whether the login page should say the previous session expired. */
export function sessionExpired(): boolean {
  return expiredNotice;
}

/** Ends the session because it expired or the API refused the token (401). */
export function expireSession(): void {
  if (!current && expiredNotice) return;
  clear();
  expiredNotice = true;
  onEnded();
}

/** Ends the session at the admin's request; returns the refresh token to revoke, if this tab still has it. */
export function endSession(): string | null {
  const token = refreshToken;
  clear();
  expiredNotice = false;
  onEnded();
  return token;
}
