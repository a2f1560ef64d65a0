import * as api from '../api';
import type { AuditFilters } from '../api';
import { h } from '../dom';
import { t, tEnum } from '../i18n';
import { compactJson, formatDateTime } from '../format';
import type { AuditEntry } from '../types';
import { field, filterForm, pageRoot, pagedTable } from '../ui';

const TARGET_TYPES = ['user', 'listing', 'deal', 'payout', 'payout_rate', 'api_key', 'notification'];
let filters: AuditFilters = {};

function actor(entry: AuditEntry): string {
  const id = entry.actorKind === 'api_key' ? entry.apiKeyId : entry.actorId;
  return `${tEnum('actor', entry.actorKind)}${id === null || id === undefined ? '' : ` #${id}`}`;
}

const json = (value: unknown): HTMLElement => h('code', { class: 'mono json', text: compactJson(value) });

export function auditPage(): HTMLElement {
  const targetType = h('input', { testid: 'audit-target-type', attrs: { list: 'audit-target-types', placeholder: 'user' } });
  const targetId = h('input', { testid: 'audit-target-id' });
  targetType.value = filters.targetType ?? '';
  targetId.value = filters.targetId ?? '';
  const suggestions = h('datalist', { attrs: { id: 'audit-target-types' } }, ...TARGET_TYPES.map((v) => h('option', { attrs: { value: v } })));

  const root = pageRoot('audit', 'audit.title');
  const list = pagedTable<AuditEntry>(
    root,
    {
      rowTestId: 'audit-row',
      rowData: (e) => ({ action: e.action, targetType: e.targetType, targetId: e.targetId }),
      empty: 'audit.empty',
      columns: [
        { header: 'audit.at', cell: (e) => formatDateTime(e.at) },
        { header: 'audit.actor', cell: actor },
        { header: 'audit.action', cell: (e) => h('code', { text: e.action }) },
        { header: 'audit.target', cell: (e) => `${e.targetType}${e.targetId ? ` #${e.targetId}` : ''}` },
        { header: 'audit.before', cell: (e) => json(e.before) },
        { header: 'audit.after', cell: (e) => json(e.after) },
        { header: 'audit.ip', cell: (e) => e.clientIp ?? '—' },
      ],
    },
    (cursor) => api.listAudit(filters, cursor),
  );
  const apply = (): void => {
    filters = { targetType: targetType.value.trim() || undefined, targetId: targetId.value.trim() || undefined };
    void list.load();
  };
  root.append(
    filterForm('audit-apply', apply, field(t('audit.targetType'), targetType), field(t('audit.targetId'), targetId)),
    suggestions,
    list.element,
  );
  void list.load();
  return root;
}
