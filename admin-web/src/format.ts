import { locale, t } from './i18n';
import type { Currency, Money } from './types';

/** Decimals each currency allows: whole Stars, USDT to 6 places. */
export const CURRENCY_SCALE: Record<Currency, number> = { XTR: 0, USDT: 6 };

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(min: number, max: number): Intl.NumberFormat {
  const key = `${locale()}|${min}|${max}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale(), { minimumFractionDigits: min, maximumFractionDigits: max });
    numberFormats.set(key, format);
  }
  return format;
}

export function formatNumber(value: number, maxDecimals = 0): string {
  return numberFormat(0, maxDecimals).format(value);
}

export function formatAmount(amount: string, currency: Currency): string {
  const value = Number(amount);
  if (!Number.isFinite(value)) return `${amount} ${currency}`;
  return currency === 'XTR' ? numberFormat(0, 6).format(value) : numberFormat(2, 6).format(value);
}

/** "⭐ 100" for Stars, "12.50 USDT" for USDT. */
export function formatMoney(money: Money | null | undefined): string {
  if (!money) return '—';
  const amount = formatAmount(money.amount, money.currency);
  return money.currency === 'XTR' ? `⭐ ${amount}` : `${amount} ${money.currency}`;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatDay(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(date);
}

/** An age in hours as "5 h" or "3 d 4 h". */
export function formatAge(hours: number | null | undefined): string {
  if (hours === null || hours === undefined || !Number.isFinite(hours)) return '—';
  const whole = Math.max(0, Math.floor(hours));
  const days = Math.floor(whole / 24);
  const rest = whole % 24;
  if (days === 0) return t('age.hours', { h: rest });
  return t('age.daysHours', { d: days, h: rest });
}

/** A decimal string as an integer count of 10^-scale units, or null when it is not a plain decimal with at most `scale` places. */
export function parseDecimal(text: string, scale: number): bigint | null {
  const normalized = text.trim().replace(',', '.');
  const match = /^(\d+)(?:\.(\d+))?$/.exec(normalized);
  if (!match) return null;
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > scale) return null;
  return BigInt(match[1]!) * 10n ** BigInt(scale) + BigInt(fraction.padEnd(scale, '0') || '0');
}

/** The inverse of parseDecimal: "12.5" for 12500000n at scale 6. */
export function decimalText(units: bigint, scale: number): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const base = 10n ** BigInt(scale);
  const whole = (abs / base).toString();
  const fraction = scale > 0 ? (abs % base).toString().padStart(scale, '0').replace(/0+$/, '') : '';
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

export function excerpt(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function compactJson(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return JSON.stringify(value);
}
