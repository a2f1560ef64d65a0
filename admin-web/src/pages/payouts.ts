import * as api from '../api';
import { h } from '../dom';
import { t } from '../i18n';
import { formatMoney } from '../format';
import { PAYOUT_STATUSES, type Payout } from '../types';
import { badge, button, confirmAction, enumOptions, field, pageRoot, pagedTable, reasonDialog, select, toast, userLink } from '../ui';

const REJECT_REASON_MAX = 1000;
let status = 'requested';

function actions(payout: Payout, reload: () => void): HTMLElement | string {
  if (payout.status !== 'requested') return '';
  // One key per payout decision: a retry after a network error repeats the same request.
  const approveKey = api.idempotencyKeys();
  const rejectKey = api.idempotencyKeys();
  return h(
    'div',
    { class: 'row-actions' },
    button(t('payouts.approve'), () =>
      confirmAction(t('payouts.approveConfirm', { id: payout.id, amount: formatMoney(payout.amount), address: payout.address }), t('payouts.approve'), async () => {
        await api.approvePayout(payout.id, approveKey('approve'));
        toast(t('payouts.approved', { id: payout.id }));
        reload();
      }), { testid: 'payout-approve', kind: 'primary' }),
    button(t('payouts.reject'), () =>
      reasonDialog({
        prefix: 'payout-reject',
        title: t('payouts.rejectTitle', { id: payout.id }),
        text: t('payouts.rejectText'),
        okLabel: t('payouts.reject'),
        maxLength: REJECT_REASON_MAX,
        run: (reason) => api.rejectPayout(payout.id, reason, rejectKey(reason)),
        done: t('payouts.rejected', { id: payout.id }),
        after: reload,
      }), { testid: 'payout-reject', kind: 'danger' }),
  );
}

export function payoutsPage(): HTMLElement {
  const statusSelect = select(enumOptions('payoutStatus', PAYOUT_STATUSES), status, 'payouts-status');
  const root = pageRoot('payouts', 'payouts.title');
  const list = pagedTable<Payout>(
    root,
    {
      rowTestId: 'payout-row',
      rowData: (p) => ({ payoutId: p.id, status: p.status }),
      empty: 'payouts.empty',
      columns: [
        { header: 'payouts.id', cell: (p) => `#${p.id}` },
        { header: 'payouts.user', cell: (p) => userLink(p.userId) },
        { header: 'payouts.amount', cell: (p) => formatMoney(p.amount), class: 'num' },
        { header: 'payouts.source', cell: (p) => formatMoney(p.source), class: 'num' },
        { header: 'payouts.rate', cell: (p) => p.rate ?? '—' },
        { header: 'payouts.address', cell: (p) => h('code', { class: 'mono', text: p.address }) },
        { header: 'payouts.status', cell: (p) => badge('payoutStatus', p.status) },
        { header: 'payouts.tx', cell: (p) => h('code', { class: 'mono', text: p.txHash ?? '—' }) },
        { header: 'common.actions', cell: (p) => actions(p, () => void list.load()) },
      ],
    },
    (cursor) => api.listPayouts(status, cursor),
  );
  statusSelect.addEventListener('change', () => {
    status = statusSelect.value;
    void list.load();
  });
  root.append(h('div', { class: 'filters' }, field(t('payouts.status'), statusSelect)), list.element);
  void list.load();
  return root;
}
