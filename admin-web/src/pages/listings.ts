import * as api from '../api';
import { h } from '../dom';
import { t } from '../i18n';
import { formatDateTime, formatMoney } from '../format';
import type { Listing } from '../types';
import { button, confirmAction, pageRoot, pagedTable, reasonDialog, toast, userLink } from '../ui';

const REJECT_REASON_MAX = 500;

export function listingsPage(): HTMLElement {
  const root = pageRoot('listings', 'listings.title');
  const actions = (listing: Listing): HTMLElement =>
    h(
      'div',
      { class: 'row-actions' },
      button(t('listings.approve'), () =>
        confirmAction(t('listings.approveConfirm', { title: listing.title }), t('listings.approve'), async () => {
          await api.approveListing(listing.id);
          toast(t('listings.approved', { id: listing.id }));
          void list.load();
        }), { testid: 'listing-approve', kind: 'primary' }),
      button(t('listings.reject'), () =>
        reasonDialog({
          prefix: 'reject',
          title: t('listings.rejectTitle', { title: listing.title }),
          text: t('listings.rejectText'),
          okLabel: t('listings.reject'),
          maxLength: REJECT_REASON_MAX,
          run: (reason) => api.rejectListing(listing.id, reason),
          done: t('listings.rejected', { id: listing.id }),
          after: () => void list.load(),
        }), { testid: 'listing-reject' }),
      button(t('listings.banSeller'), () =>
        confirmAction(t('users.banConfirm', { user: `#${listing.sellerId}` }), t('users.ban'), async () => {
          await api.banUser(listing.sellerId);
          toast(t('users.banned', { user: `#${listing.sellerId}` }));
        }, true), { testid: 'listing-ban-seller', kind: 'danger' }),
    );

  const list = pagedTable<Listing>(
    root,
    {
      rowTestId: 'listing-row',
      rowData: (l) => ({ listingId: l.id, sellerId: l.sellerId }),
      empty: 'listings.empty',
      columns: [
        { header: 'listings.id', cell: (l) => `#${l.id}` },
        { header: 'listings.titleCol', cell: (l) => h('div', null, h('strong', { text: l.title }), h('div', { class: 'muted small', text: l.description })) },
        { header: 'listings.game', cell: (l) => l.game },
        { header: 'listings.price', cell: (l) => formatMoney(l.price), class: 'num' },
        { header: 'listings.seller', cell: (l) => userLink(l.sellerId) },
        { header: 'listings.created', cell: (l) => formatDateTime(l.createdAt) },
        { header: 'common.actions', cell: actions },
      ],
    },
    (cursor) => api.listListings('pendingModeration', cursor),
  );
  root.append(list.element);
  void list.load();
  return root;
}
