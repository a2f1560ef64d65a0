import * as api from '../api';
import { h } from '../dom';
import { type MessageKey, t, tEnum } from '../i18n';
import { excerpt, formatAge, formatDateTime, formatMoney } from '../format';
import type { DisputeView } from '../types';
import { type Column, badge, dealLink, pageRoot, pagedTable, userLink } from '../ui';

type DisputeTab = 'open' | 'resolved';
let tab: DisputeTab = 'open';
const TAB_LABEL: Record<DisputeTab, MessageKey> = { open: 'disputes.tab.open', resolved: 'disputes.tab.resolved' };

const common: Column<DisputeView>[] = [
  { header: 'disputes.deal', cell: (d) => dealLink(d.dealId, `#${d.dealId}`, 'dispute-open') },
  { header: 'disputes.titleCol', cell: (d) => d.title },
  { header: 'disputes.price', cell: (d) => formatMoney(d.price), class: 'num' },
  { header: 'disputes.reason', cell: (d) => h('span', { attrs: { title: d.reason }, text: excerpt(d.reason) }) },
  { header: 'disputes.openedBy', cell: (d) => h('span', null, tEnum('actor', d.openedByKind), ' ', userLink(d.openedBy)) },
  { header: 'disputes.heldIn', cell: (d) => tEnum('heldIn', d.heldIn) },
];

const columns: Record<DisputeTab, Column<DisputeView>[]> = {
  open: [{ header: 'disputes.age', cell: (d) => h('span', { class: d.ageHours >= 72 ? 'age-old' : '', text: formatAge(d.ageHours) }) }, ...common, { header: 'disputes.openedAt', cell: (d) => formatDateTime(d.openedAt) }],
  resolved: [
    ...common,
    { header: 'disputes.outcome', cell: (d) => (d.outcome ? badge('outcome', d.outcome) : '—') },
    { header: 'disputes.resolvedAt', cell: (d) => formatDateTime(d.resolvedAt) },
  ],
};

export function disputesPage(): HTMLElement {
  const root = pageRoot('disputes', 'disputes.title');
  const holder = h('div');
  const toggle = h('div', { class: 'tabs', attrs: { role: 'tablist' } });

  const render = (): void => {
    toggle.replaceChildren(
      ...(['open', 'resolved'] as const).map((value) =>
        h('button', {
          class: `tab ${value === tab ? 'active' : ''}`,
          testid: `disputes-${value}`,
          attrs: { type: 'button', role: 'tab', 'aria-selected': String(value === tab) },
          text: t(TAB_LABEL[value]),
          on: { click: () => { tab = value; render(); } },
        }),
      ),
    );
    const current = tab;
    const list = pagedTable(
      root,
      {
        columns: columns[current],
        rowTestId: 'dispute-row',
        rowData: (d) => ({ dealId: d.dealId, ageHours: d.ageHours, status: d.status }),
        empty: current === 'open' ? 'disputes.emptyOpen' : 'disputes.emptyResolved',
      },
      (cursor) => api.listDisputes(current, cursor),
    );
    holder.replaceChildren(list.element);
    void list.load();
  };

  root.append(h('p', { class: 'muted', text: t('disputes.hint') }), toggle, holder);
  render();
  return root;
}
