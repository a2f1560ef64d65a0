import * as api from '../api';
import type { UserFilters } from '../api';
import { h } from '../dom';
import { t, tEnum } from '../i18n';
import { formatDateTime } from '../format';
import type { User } from '../types';
import { badge, enumOptions, field, filterForm, link, pageRoot, pagedTable, select } from '../ui';
import { banButton, ratingText, userName } from './userActions';

let filters: UserFilters = {};

export function usersPage(): HTMLElement {
  const search = h('input', { testid: 'users-search', attrs: { type: 'search', placeholder: t('users.searchHint') } });
  const role = select(enumOptions('role', ['user', 'admin']), filters.role ?? '', 'users-role');
  const banned = select([['', t('common.all')], ['true', t('users.bannedOnly')], ['false', t('users.notBanned')]], filters.banned ?? '', 'users-banned');
  search.value = filters.username ?? '';

  const root = pageRoot('users', 'users.title');
  const list = pagedTable<User>(
    root,
    {
      rowTestId: 'user-row',
      rowData: (u) => ({ userId: u.id, banned: String(u.isBanned) }),
      empty: 'users.empty',
      columns: [
        { header: 'users.id', cell: (u) => link(`#/users/${u.id}`, `#${u.id}`, 'user-open') },
        { header: 'users.username', cell: (u) => userName(u) },
        { header: 'users.role', cell: (u) => tEnum('role', u.role) },
        { header: 'users.rating', cell: (u) => ratingText(u), class: 'num' },
        { header: 'users.bannedCol', cell: (u) => (u.isBanned ? badge('banned', 'true') : badge('banned', 'false')) },
        { header: 'users.created', cell: (u) => formatDateTime(u.createdAt) },
        { header: 'common.actions', cell: (u) => banButton(u, () => void list.load()) },
      ],
    },
    (cursor) => api.listUsers(filters, cursor),
  );
  const apply = (): void => {
    filters = { username: search.value.trim().replace(/^@/, '') || undefined, role: role.value || undefined, banned: banned.value || undefined };
    void list.load();
  };
  root.append(
    filterForm('users-apply', apply, field(t('users.search'), search), field(t('users.role'), role), field(t('users.bannedCol'), banned)),
    list.element,
  );
  void list.load();
  return root;
}
