import * as api from './api';
import { h } from './dom';
import { type Lang, type MessageKey, lang, setLang, t } from './i18n';
import { endSession, signedInUserId } from './session';
import type { User } from './types';
import { button } from './ui';

const SECTIONS: [section: string, label: MessageKey][] = [
  ['dashboard', 'nav.dashboard'],
  ['deals', 'nav.deals'],
  ['disputes', 'nav.disputes'],
  ['listings', 'nav.listings'],
  ['users', 'nav.users'],
  ['payouts', 'nav.payouts'],
  ['audit', 'nav.audit'],
];

let admin: User | null = null;
let adminRequest: Promise<User | null> | null = null;

/** Forgets the signed-in admin's profile (on sign-out or expiry). */
export function forgetAdmin(): void {
  admin = null;
  adminRequest = null;
}

function adminLabel(user: User | null): string {
  if (user) return user.username ? `@${user.username}` : `#${user.id}`;
  const id = signedInUserId();
  return id === null ? '' : `#${id}`;
}

function currentAdmin(): HTMLElement {
  const el = h('span', { class: 'current-admin', testid: 'current-admin', text: adminLabel(admin) });
  if (!admin) {
    adminRequest ??= api.me().then((user) => (admin = user), () => null);
    void adminRequest.then((user) => {
      if (user) el.textContent = adminLabel(user);
    });
  }
  return el;
}

function langButton(code: Lang): HTMLButtonElement {
  const el = button(code.toUpperCase(), () => setLang(code), { testid: `lang-${code}` });
  el.classList.add('lang');
  el.setAttribute('aria-pressed', String(lang() === code));
  return el;
}

function signOut(): void {
  const refreshToken = endSession();
  if (refreshToken) void api.signOut(refreshToken).catch(() => undefined);
}

export function renderShell(app: HTMLElement, section: string, page: HTMLElement): void {
  const nav = h(
    'nav',
    { class: 'nav' },
    ...SECTIONS.map(([name, label]) =>
      h('a', {
        class: name === section ? 'active' : '',
        testid: `nav-${name}`,
        attrs: { href: `#/${name}`, 'aria-current': name === section ? 'page' : null },
        text: t(label),
      }),
    ),
  );
  const header = h(
    'header',
    { class: 'topbar' },
    h('a', { class: 'brand', attrs: { href: '#/dashboard' }, text: 'TrustyTrade' }),
    nav,
    h(
      'div',
      { class: 'topbar-right' },
      currentAdmin(),
      h('span', { class: 'langs' }, langButton('ru'), langButton('en')),
      button(t('nav.signOut'), signOut, { testid: 'signout' }),
    ),
  );
  app.replaceChildren(header, h('main', { class: 'content' }, page));
}
