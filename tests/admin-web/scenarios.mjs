// The admin panel's browser scenarios. Each takes the page, the input the xunit test sent (the panel's address, the
// admin's login, password and TOTP secret, and the ids it seeded) and returns what the test checks besides the
// database.
import path from 'node:path';
import { byId, check, fillSignIn, loaded, open, row, signIn, totp } from './lib.mjs';

const text = async (locator) => (await locator.textContent())?.trim() ?? '';

/** A wrong code is refused; the right one opens the dashboard; nothing secret stays in the browser; RU ⇄ EN. */
export async function signInWithTotp(page, input) {
  let refreshToken = null;
  page.on('response', async (response) => {
    if (response.url().endsWith('/api/auth/admin') && response.ok()) refreshToken = (await response.json()).refreshToken;
  });
  await page.goto(input.baseUrl);
  const right = totp(input.totpSecret);
  const wrong = right === '000000' ? '111111' : '000000';
  await fillSignIn(page, input.login, input.password, wrong);
  await byId(page, 'login-error').waitFor();
  const refused = await text(byId(page, 'login-error'));
  const stillOnLogin = await byId(page, 'login-form').isVisible();

  await byId(page, 'login-code').fill(totp(input.totpSecret));
  await byId(page, 'login-submit').click();
  await loaded(page, 'dashboard');
  const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }) + document.cookie);
  check(refreshToken, 'the sign-in answered no refresh token');
  const navRu = await text(byId(page, 'nav-disputes'));
  await byId(page, 'lang-en').click();
  const navEn = await text(byId(page, 'nav-disputes'));
  const lang = await page.evaluate(() => document.documentElement.lang);
  await byId(page, 'lang-ru').click();
  return {
    refused,
    stillOnLogin,
    admin: await text(byId(page, 'current-admin')),
    keepsPassword: stored.includes(input.password),
    keepsSecret: stored.includes(input.totpSecret),
    keepsRefreshToken: stored.includes(refreshToken),
    navRu,
    navEn,
    lang,
  };
}

/** A session whose token has run out (the API's clock moved past it) ends at the next request, back at sign-in. */
export async function sessionEnds(page, input) {
  await signIn(page, input);
  const moved = await fetch(`${input.baseUrl}/__test/clock?minutes=${input.minutes}`, { method: 'POST' });
  check(moved.ok, `the test clock answered ${moved.status}`);
  await byId(page, 'nav-deals').click();
  await byId(page, 'session-expired').waitFor();
  return {
    notice: await text(byId(page, 'session-expired')),
    loginShown: await byId(page, 'login-form').isVisible(),
    stored: await page.evaluate(() => Object.keys(sessionStorage).length),
  };
}

/** The dashboard's four charts, with how many values each drew and whether its canvas has paint on it. */
export async function dashboard(page, input, { screenshots }) {
  await signIn(page, input);
  const charts = {};
  for (const id of ['chart-volume', 'chart-status', 'chart-escrow', 'chart-disputes']) {
    const canvas = byId(page, id);
    await page.locator(`[data-testid="${id}"][data-points]`).waitFor();
    charts[id] = {
      points: Number(await canvas.getAttribute('data-points')),
      painted: await canvas.evaluate((c) => {
        const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
        let count = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) count++;
        return count;
      }),
    };
  }
  const openDisputes = await text(byId(page, 'tile-open-disputes'));
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(screenshots, 'admin-dashboard.png'), fullPage: true });
  return { charts, openDisputes };
}

/**
 * From the dispute queue to the deal page (chat, timeline, evidence, ledger), then the resolve dialog: outcome, share,
 * reason, the confirmation step, confirm. Ends when the page shows the deal resolved.
 */
export async function resolveDispute(page, input, { screenshots }) {
  await signIn(page, input);
  await open(page, 'disputes');
  const queue = await page.locator('[data-testid="dispute-row"]').evaluateAll((rows) => rows.map((r) => Number(r.dataset.dealId)));
  await row(page, 'dispute-row', 'deal-id', input.dealId).getByTestId('dispute-open').click();
  const deal = await loaded(page, 'deal');
  await page.locator('[data-testid="chat-message"]').first().waitFor();
  const seen = {
    status: await deal.getAttribute('data-status'),
    chat: await page.locator('[data-testid="chat-message"]').evaluateAll((m) => m.map((x) => [x.dataset.sender, x.textContent])),
    timeline: await page.locator('[data-testid="timeline-item"]').evaluateAll((m) => m.map((x) => x.dataset.to)),
    evidence: await page.locator('[data-testid="dispute-evidence"]').count(),
    reason: await text(byId(page, 'dispute-reason')),
    parties: await page.locator('[data-testid="deal-party"]').evaluateAll((m) => m.map((x) => [x.dataset.role, Number(x.dataset.userId)])),
  };
  if (input.screenshots) await page.screenshot({ path: path.join(screenshots, 'admin-deal.png'), fullPage: true });

  await byId(page, 'resolve-open').click();
  await byId(page, `resolve-outcome-${input.outcome}`).check();
  if (input.sellerShare) {
    await byId(page, 'resolve-seller-share').fill(input.sellerShare);
    await page.waitForFunction(() => document.querySelector('[data-testid="resolve-buyer-share"]')?.textContent?.trim());
  }
  const buyerShare = input.sellerShare ? await text(byId(page, 'resolve-buyer-share')) : null;
  // Without a reason the dialog does not go on.
  await byId(page, 'resolve-next').click();
  const withoutReason = await text(byId(page, 'resolve-error'));
  await byId(page, 'resolve-reason').fill(input.reason);
  await byId(page, 'resolve-next').click();
  await byId(page, 'resolve-confirm').waitFor();
  const summary = await text(byId(page, 'resolve-summary'));
  if (input.screenshots) await page.screenshot({ path: path.join(screenshots, 'admin-resolve-dialog.png') });
  // A double click sends one decision: the button is busy after the first, and the key is the same.
  await byId(page, 'resolve-confirm').dblclick();
  await page.locator('[data-testid="page-deal"][data-status="resolved"][data-loaded="true"]').waitFor();
  await byId(page, 'dispute-outcome').waitFor();
  return {
    queue,
    seen,
    buyerShare,
    withoutReason,
    summary,
    toast: await text(byId(page, 'toast')),
    outcome: await byId(page, 'dispute-outcome').getAttribute('data-outcome'),
    balances: await page.locator('[data-testid="balance-row"]').evaluateAll((rows) =>
      Object.fromEntries(rows.map((r) => [r.dataset.account, r.dataset.amount]))),
    dialogOpen: await byId(page, 'resolve-dialog').isVisible().catch(() => false),
  };
}

/** Listing moderation: approve one, reject one with a reason (none refused first), ban a seller; then the audit log. */
export async function moderate(page, input) {
  await signIn(page, input);
  await open(page, 'listings');
  const pending = await page.locator('[data-testid="listing-row"]').evaluateAll((rows) => rows.map((r) => Number(r.dataset.listingId)));

  await row(page, 'listing-row', 'listing-id', input.approveId).getByTestId('listing-approve').click();
  await byId(page, 'confirm-ok').click();
  await row(page, 'listing-row', 'listing-id', input.approveId).waitFor({ state: 'detached' });

  await row(page, 'listing-row', 'listing-id', input.rejectId).getByTestId('listing-reject').click();
  await byId(page, 'reject-confirm').click();
  const emptyReasonStays = await byId(page, 'reject-dialog').isVisible();
  await byId(page, 'reject-reason').fill(input.reason);
  await byId(page, 'reject-confirm').click();
  await row(page, 'listing-row', 'listing-id', input.rejectId).waitFor({ state: 'detached' });

  await row(page, 'listing-row', 'listing-id', input.banListingId).getByTestId('listing-ban-seller').click();
  await byId(page, 'confirm-ok').click();
  await byId(page, 'confirm-dialog').waitFor({ state: 'hidden' });

  await open(page, 'audit');
  await byId(page, 'audit-target-type').fill('listing');
  await byId(page, 'audit-target-id').fill(String(input.rejectId));
  await byId(page, 'audit-apply').click();
  await page.locator('[data-testid="audit-row"][data-action="listing.reject"]').waitFor();
  return {
    pending,
    emptyReasonStays,
    audit: await page.locator('[data-testid="audit-row"]').evaluateAll((rows) => rows.map((r) => r.dataset.action)),
  };
}

/** Users: find by username, open their page (rating, deals), ban and unban with confirmation. */
export async function banAndUnban(page, input) {
  await signIn(page, input);
  await open(page, 'users');
  await byId(page, 'users-search').fill(input.username);
  await byId(page, 'users-apply').click();
  const found = row(page, 'user-row', 'user-id', input.userId);
  await found.waitFor();
  const listed = await page.locator('[data-testid="user-row"]').count();
  await found.getByTestId('user-ban').click();
  await byId(page, 'confirm-ok').click();
  await row(page, 'user-row', 'user-id', input.userId).and(page.locator('[data-banned="true"]')).waitFor();

  await row(page, 'user-row', 'user-id', input.userId).getByTestId('user-open').click();
  await loaded(page, 'user');
  const profile = {
    rating: await text(byId(page, 'user-rating')),
    banned: await text(byId(page, 'user-banned')),
    deals: await page.locator('[data-testid="deal-row"]').count(),
  };
  await byId(page, 'user-unban').click();
  await byId(page, 'confirm-ok').click();
  await byId(page, 'user-ban').waitFor();
  return { listed, profile };
}

/** Payouts: approve one, reject another with a reason. */
export async function decidePayouts(page, input) {
  await signIn(page, input);
  await open(page, 'payouts');
  const requested = await page.locator('[data-testid="payout-row"]').evaluateAll((rows) => rows.map((r) => Number(r.dataset.payoutId)));
  await row(page, 'payout-row', 'payout-id', input.approveId).getByTestId('payout-approve').click();
  await byId(page, 'confirm-ok').click();
  await row(page, 'payout-row', 'payout-id', input.approveId).waitFor({ state: 'detached' });
  await row(page, 'payout-row', 'payout-id', input.rejectId).getByTestId('payout-reject').click();
  await byId(page, 'payout-reject-reason').fill(input.reason);
  await byId(page, 'payout-reject-confirm').click();
  await row(page, 'payout-row', 'payout-id', input.rejectId).waitFor({ state: 'detached' });
  return { requested };
}
