import * as api from '../api';
import type { DealFilters } from '../api';
import { h } from '../dom';
import { t } from '../i18n';
import { DEAL_STATUSES } from '../types';
import { enumOptions, field, filterForm, pageRoot, pagedTable, select } from '../ui';
import { dealTableSpec } from './dealTable';

interface DealsForm {
  status: string;
  from: string;
  to: string;
  userId: string;
  q: string;
}

/** The filters survive leaving the list for a deal and coming back. */
let form: DealsForm = { status: '', from: '', to: '', userId: '', q: '' };

/** A local calendar day's start (or end) as an ISO date-time. */
function dayBound(day: string, end: boolean): string | undefined {
  if (!day) return undefined;
  const date = new Date(`${day}T${end ? '23:59:59.999' : '00:00:00'}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function toFilters(f: DealsForm): DealFilters {
  const userId = Number(f.userId);
  return {
    status: f.status || undefined,
    createdFrom: dayBound(f.from, false),
    createdTo: dayBound(f.to, true),
    userId: f.userId.trim() !== '' && Number.isInteger(userId) && userId > 0 ? userId : undefined,
    q: f.q.trim() || undefined,
  };
}

export function dealsPage(): HTMLElement {
  const search = h('input', { testid: 'deals-search', attrs: { type: 'search', placeholder: t('deals.searchHint') } });
  const status = select(enumOptions('dealStatus', DEAL_STATUSES), form.status, 'deals-status');
  const from = h('input', { testid: 'deals-from', attrs: { type: 'date' } });
  const to = h('input', { testid: 'deals-to', attrs: { type: 'date' } });
  const userId = h('input', { testid: 'deals-user-id', attrs: { type: 'number', min: 1, step: 1 } });
  search.value = form.q;
  from.value = form.from;
  to.value = form.to;
  userId.value = form.userId;

  const root = pageRoot('deals', 'deals.title');
  const list = pagedTable(root, dealTableSpec, (cursor) => api.listDeals(toFilters(form), cursor));
  const apply = (): void => {
    form = { status: status.value, from: from.value, to: to.value, userId: userId.value, q: search.value };
    void list.load();
  };
  root.append(
    filterForm(
      'deals-apply',
      apply,
      field(t('deals.search'), search),
      field(t('deals.status'), status),
      field(t('deals.from'), from),
      field(t('deals.to'), to),
      field(t('deals.userId'), userId),
    ),
    list.element,
  );
  void list.load();
  return root;
}
