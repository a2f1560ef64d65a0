import * as api from '../api';
import { h } from '../dom';
import { t, tEnum } from '../i18n';
import { formatDateTime } from '../format';
import { badge, definitionList, link, markLoaded, markLoading, pageError, pageRoot, pagedTable } from '../ui';
import { dealTableSpec } from './dealTable';
import { banButton, ratingText, userName } from './userActions';

export function userPage(id: number): HTMLElement {
  const profile = h('div', { class: 'card' });
  const dealsHolder = h('div');
  const root = pageRoot('user', 'user.title', link('#/users', `← ${t('user.back')}`), profile, h('h2', { text: t('user.deals') }), dealsHolder);
  root.dataset['userId'] = String(id);
  // The deals list marks a scratch element; the page is loaded once the profile and the deals are both shown.
  const dealsState = h('div');
  const deals = pagedTable(dealsState, dealTableSpec, (cursor) => api.listDeals({ userId: id }, cursor));
  dealsHolder.append(deals.element);

  const load = async (): Promise<void> => {
    markLoading(root);
    try {
      const [user] = await Promise.all([api.getUser(id), deals.load()]);
      root.dataset['banned'] = String(user.isBanned);
      profile.replaceChildren(
        h('div', { class: 'deal-title' }, h('h2', { text: userName(user) }), banButton(user, () => void load())),
        definitionList([
          ['users.id', `#${user.id}`],
          ['user.telegramId', String(user.telegramId)],
          ['users.role', tEnum('role', user.role)],
          ['user.language', user.language ?? '—'],
          ['users.rating', h('span', { testid: 'user-rating', data: { rating: user.rating, count: user.ratingsCount }, text: ratingText(user) })],
          ['users.bannedCol', h('span', { testid: 'user-banned', data: { banned: String(user.isBanned) } }, badge('banned', String(user.isBanned)))],
          ['users.created', formatDateTime(user.createdAt)],
        ]),
      );
    } catch (error) {
      profile.replaceChildren(pageError(error));
    }
    markLoaded(root);
  };
  void load();
  return root;
}
