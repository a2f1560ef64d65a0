// What the scenarios share: the authenticator's code, signing in, waiting for a page's data.
import { createHmac } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** The 6-digit TOTP code (RFC 6238: SHA-1, 30-second steps) of a base32 secret, as an authenticator app shows it. */
export function totp(secret, at = Date.now()) {
  const bits = [...secret.replace(/=+$/, '').toUpperCase()]
    .map((c) => {
      const value = BASE32.indexOf(c);
      if (value < 0) throw new Error(`not base32: ${c}`);
      return value.toString(2).padStart(5, '0');
    })
    .join('');
  const key = Buffer.from(bits.match(/.{8}/g).map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const hmac = createHmac('sha1', key).update(counter).digest();
  const offset = hmac[hmac.length - 1] & 0x0f;
  return String((hmac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

export const byId = (page, id) => page.getByTestId(id);

/** Waits until the page `name` has fetched and drawn its data. */
export async function loaded(page, name) {
  const root = page.locator(`[data-testid="page-${name}"][data-loaded="true"]`);
  await root.waitFor();
  return root;
}

/** Signs in with login, password and the code of the admin's authenticator; ends on the dashboard. */
export async function signIn(page, { baseUrl, login, password, totpSecret }) {
  await page.goto(baseUrl);
  await fillSignIn(page, login, password, totp(totpSecret));
  await loaded(page, 'dashboard');
}

export async function fillSignIn(page, login, password, code) {
  await byId(page, 'login-login').fill(login);
  await byId(page, 'login-password').fill(password);
  await byId(page, 'login-code').fill(code);
  await byId(page, 'login-submit').click();
}

/** Opens a section from the navigation bar and waits for its data. */
export async function open(page, section, pageName = section) {
  await byId(page, `nav-${section}`).click();
  return loaded(page, pageName);
}

export function row(page, testid, attribute, value) {
  return page.locator(`[data-testid="${testid}"][data-${attribute}="${value}"]`);
}

export function check(condition, message) {
  if (!condition) throw new Error(message);
}
