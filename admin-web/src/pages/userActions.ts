import * as api from '../api';
import { t } from '../i18n';
import type { User } from '../types';
import { button, confirmAction, toast } from '../ui';

export function userName(user: User): string {
  return user.username ? `@${user.username}` : `#${user.id}`;
}

/** "Ban" or "Unban" for a user, with a confirmation; `after` reloads whatever shows the user. */
export function banButton(user: User, after: () => void): HTMLButtonElement {
  const name = userName(user);
  return user.isBanned
    ? button(t('users.unban'), () =>
        confirmAction(t('users.unbanConfirm', { user: name }), t('users.unban'), async () => {
          await api.unbanUser(user.id);
          toast(t('users.unbanned', { user: name }));
          after();
        }), { testid: 'user-unban' })
    : button(t('users.ban'), () =>
        confirmAction(t('users.banConfirm', { user: name }), t('users.ban'), async () => {
          await api.banUser(user.id);
          toast(t('users.banned', { user: name }));
          after();
        }, true), { testid: 'user-ban', kind: 'danger' });
}

export function ratingText(user: User): string {
  return `★ ${user.rating.toFixed(2)} (${user.ratingsCount})`;
}
