import * as api from '../api';
import { type Child, append, h } from '../dom';
import { type MessageKey, t, tEnum } from '../i18n';
import { formatAge, formatDateTime, formatMoney } from '../format';
import type { Deal, DealDetail, DealEscrow, DealMessage, DisputeView, Page, Transaction, User } from '../types';
import { badge, button, definitionList, describeError, link, markLoaded, markLoading, pageError, pageRoot, table, userLink } from '../ui';
import { openResolveDialog } from './resolveDialog';
import { ratingText, userName } from './userActions';

function section(title: MessageKey, testid: string | undefined, ...children: Child[]): HTMLElement {
  return h('section', { class: 'card', testid }, h('h2', { text: t(title) }), ...children);
}

/** A secondary part's result, so its failure shows in its own section. */
function settle<T>(promise: Promise<T>): Promise<PromiseSettledResult<T>> {
  return promise.then(
    (value): PromiseFulfilledResult<T> => ({ status: 'fulfilled', value }),
    (reason: unknown): PromiseRejectedResult => ({ status: 'rejected', reason }),
  );
}

/** A part of the page that failed on its own (the rest of the deal still shows). */
function partError(error: unknown): HTMLElement {
  return h('p', { class: 'error', text: describeError(error) });
}

function header(detail: DealDetail, onResolve: () => void): HTMLElement {
  const deal = detail.deal;
  return h(
    'div',
    { class: 'deal-header card' },
    h(
      'div',
      { class: 'deal-title' },
      h('h2', { text: `#${deal.id} · ${detail.title}` }),
      badge('dealStatus', deal.status, 'deal-status'),
      deal.status === 'disputed' ? button(t('resolve.open'), onResolve, { testid: 'resolve-open', kind: 'danger' }) : null,
    ),
    definitionList([
      ['deal.price', formatMoney(deal.price)],
      ['deal.fee', formatMoney(deal.fee)],
      ['deal.seller', userLink(deal.sellerId)],
      ['deal.buyer', userLink(deal.buyerId)],
      ['deal.listing', `#${deal.listingId}`],
      ['deal.version', String(deal.version)],
      ['deal.warrantyDays', String(deal.warrantyDays)],
      ['deal.disputedFrom', deal.disputedFrom ? tEnum('dealStatus', deal.disputedFrom) : null],
    ]),
  );
}

const DEADLINES: [keyof Deal, MessageKey][] = [
  ['createdAt', 'deal.createdAt'],
  ['paymentDueAt', 'deal.paymentDueAt'],
  ['paidAt', 'deal.paidAt'],
  ['deliveryDueAt', 'deal.deliveryDueAt'],
  ['deliveredAt', 'deal.deliveredAt'],
  ['inspectionEndsAt', 'deal.inspectionEndsAt'],
  ['completedAt', 'deal.completedAt'],
  ['warrantyEndsAt', 'deal.warrantyEndsAt'],
  ['closedAt', 'deal.closedAt'],
];

function deadlines(deal: Deal): HTMLElement {
  const rows = DEADLINES.filter(([key]) => deal[key]).map(([key, label]): [MessageKey, Child] => [label, formatDateTime(String(deal[key]))]);
  return section('deal.deadlines', 'deal-deadlines', definitionList(rows));
}

function disputeBlock(dispute: DisputeView): HTMLElement {
  const opener = dispute.openedByKind === 'admin' ? t('dispute.byAdmin') : t('dispute.byUser');
  const rows: [MessageKey, Child][] = [
    ['dispute.openedBy', h('span', null, opener, ' ', userLink(dispute.openedBy))],
    ['dispute.openedAt', formatDateTime(dispute.openedAt)],
    ['dispute.age', formatAge(dispute.ageHours)],
    ['dispute.heldIn', tEnum('heldIn', dispute.heldIn)],
    ['dispute.status', badge('disputeStatus', dispute.status)],
  ];
  const resolved =
    dispute.status === 'resolved'
      ? h(
          'div',
          { class: 'dispute-outcome', testid: 'dispute-outcome', data: { outcome: dispute.outcome } },
          h('h3', { text: `${t('dispute.outcome')}: ${dispute.outcome ? tEnum('outcome', dispute.outcome) : '—'}` }),
          definitionList([
            ['dispute.sellerShare', formatMoney(dispute.sellerShare)],
            ['dispute.buyerShare', formatMoney(dispute.buyerShare)],
            ['dispute.fee', formatMoney(dispute.fee)],
            ['dispute.resolvedBy', userLink(dispute.resolvedBy)],
            ['dispute.resolvedAt', formatDateTime(dispute.resolvedAt)],
          ]),
          dispute.resolutionNote ? h('blockquote', { class: 'quote', testid: 'dispute-note', text: dispute.resolutionNote }) : null,
        )
      : null;
  const evidence = dispute.evidence?.length
    ? h(
        'div',
        null,
        h('h3', { text: t('dispute.evidence') }),
        h(
          'ul',
          { class: 'evidence' },
          ...dispute.evidence.map((e) =>
            h(
              'li',
              { testid: 'dispute-evidence', data: { kind: e.kind } },
              h('span', { class: 'muted', text: `${formatDateTime(e.at)} · ${tEnum('evidenceKind', e.kind)}${e.hasFile ? ` · ${t('dispute.fileInTelegram')}` : ''} · ` }),
              userLink(e.submittedBy),
              e.text ? h('div', { class: 'chat-body', text: e.text }) : null,
            ),
          ),
        ),
      )
    : null;
  return section(
    'dispute.title',
    'deal-dispute',
    h('blockquote', { class: 'quote', testid: 'dispute-reason', text: dispute.reason }),
    definitionList(rows),
    evidence,
    resolved,
  );
}

function timeline(detail: DealDetail): HTMLElement {
  const items = detail.timeline.map((event) =>
    h(
      'li',
      { class: 'timeline-item', testid: 'timeline-item', data: { to: event.to } },
      h('span', { class: 'muted', text: formatDateTime(event.at) }),
      ' ',
      h('strong', { text: event.command }),
      ' ',
      event.from ? badge('dealStatus', event.from) : null,
      event.from ? ' → ' : null,
      badge('dealStatus', event.to),
      ' ',
      h('span', { class: 'muted', text: `${tEnum('actor', event.actor)}${event.version ? ` · v${event.version}` : ''}` }),
    ),
  );
  return section('deal.timeline', undefined, h('ol', { class: 'timeline', testid: 'deal-timeline' }, ...items));
}

function workflow(detail: DealDetail): HTMLElement {
  const state = detail.workflow;
  const body = state
    ? definitionList([
        ['workflow.status', badge('workflowStatus', state.status)],
        ['workflow.lastUpdatedAt', formatDateTime(state.lastUpdatedAt)],
        ['workflow.failure', state.failure ? h('span', { class: 'error', text: state.failure }) : null],
      ])
    : h('p', { class: 'muted', text: t('workflow.none') });
  return h(
    'section',
    { class: 'card', testid: 'deal-workflow', data: { workflowStatus: state?.status ?? 'none' } },
    h('h2', { text: t('workflow.title') }),
    body,
  );
}

function payments(result: PromiseSettledResult<Page<Transaction>>): HTMLElement {
  if (result.status === 'rejected') return section('deal.payments', 'deal-payments', partError(result.reason));
  const view = table<Transaction>({
    rowTestId: 'payment-row',
    rowData: (tx) => ({ transactionId: tx.id, status: tx.status }),
    empty: 'deal.noPayments',
    columns: [
      { header: 'payment.id', cell: (tx) => `#${tx.id}` },
      { header: 'payment.method', cell: (tx) => tEnum('paymentMethod', tx.method) },
      { header: 'payment.amount', cell: (tx) => formatMoney(tx.amount), class: 'num' },
      { header: 'payment.status', cell: (tx) => badge('paymentStatus', tx.status) },
      { header: 'payment.hash', cell: (tx) => h('code', { class: 'mono', text: tx.transactionHash ?? '—' }) },
      { header: 'payment.created', cell: (tx) => formatDateTime(tx.createdAt) },
    ],
  });
  view.add(result.value.items);
  return section('deal.payments', 'deal-payments', view.element);
}

function ledger(result: PromiseSettledResult<DealEscrow>): HTMLElement {
  if (result.status === 'rejected') return section('deal.ledger', 'deal-ledger', partError(result.reason));
  const owner = (ownerId: number | undefined): string => (ownerId === undefined ? '' : ` #${ownerId}`);
  const balances = table<DealEscrow['balances'][number]>({
    rowTestId: 'balance-row',
    rowData: (b) => ({ account: b.account.kind, amount: b.balance.amount, currency: b.balance.currency }),
    empty: 'deal.noLedger',
    columns: [
      { header: 'ledger.account', cell: (b) => `${tEnum('ledgerAccount', b.account.kind)}${owner(b.account.ownerId)}` },
      { header: 'ledger.balance', cell: (b) => formatMoney(b.balance), class: 'num' },
    ],
  });
  const entries = table<DealEscrow['entries'][number]>({
    rowTestId: 'ledger-row',
    rowData: (e) => ({ account: e.account.kind, amount: e.amount.amount, currency: e.amount.currency, posting: e.postingId }),
    empty: 'deal.noLedger',
    columns: [
      { header: 'ledger.at', cell: (e) => formatDateTime(e.at) },
      { header: 'ledger.posting', cell: (e) => `${e.kind} #${e.postingId}` },
      { header: 'ledger.account', cell: (e) => `${tEnum('ledgerAccount', e.account.kind)}${owner(e.account.ownerId)}` },
      { header: 'ledger.amount', cell: (e) => formatMoney(e.amount), class: 'num' },
    ],
  });
  balances.add(result.value.balances);
  entries.add(result.value.entries);
  return section('deal.ledger', 'deal-ledger', h('h3', { text: t('ledger.balances') }), balances.element, h('h3', { text: t('ledger.entries') }), entries.element);
}

/** Who the parties are: what an arbiter weighs besides the deal (rating, how long they have been here, a ban). */
function parties(results: [role: 'seller' | 'buyer', result: PromiseSettledResult<User>][]): HTMLElement {
  const card = ([role, result]: [string, PromiseSettledResult<User>]): HTMLElement => {
    if (result.status === 'rejected') return h('div', { class: 'party' }, partError(result.reason));
    const user = result.value;
    return h(
      'div',
      { class: 'party', testid: 'deal-party', data: { role, userId: user.id } },
      h('h3', null, tEnum('sender', role), ' ', link(`#/users/${user.id}`, userName(user))),
      definitionList([
        ['users.rating', ratingText(user)],
        ['users.created', formatDateTime(user.createdAt)],
        ['users.bannedCol', badge('banned', String(user.isBanned))],
      ]),
    );
  };
  return section('deal.parties', 'deal-parties', h('div', { class: 'columns' }, ...results.map(card)));
}

function chat(deal: Deal, result: PromiseSettledResult<Page<DealMessage>>): HTMLElement {
  if (result.status === 'rejected') return section('deal.chat', 'deal-chat', partError(result.reason));
  const senderOf = (m: DealMessage): string => (m.senderId === deal.buyerId ? 'buyer' : m.senderId === deal.sellerId ? 'seller' : 'other');
  const items = result.value.items.map((m) =>
    h(
      'li',
      { class: `chat-message chat-${senderOf(m)}`, testid: 'chat-message', data: { sender: senderOf(m) } },
      h('div', { class: 'chat-meta' }, h('strong', { text: tEnum('sender', senderOf(m)) }), ' ', userLink(m.senderId), ' · ', formatDateTime(m.createdAt)),
      h('div', { class: 'chat-body', text: m.body }),
    ),
  );
  return section(
    'deal.chat',
    'deal-chat',
    items.length ? h('ol', { class: 'chat' }, ...items) : h('p', { class: 'muted', text: t('deal.noMessages') }),
  );
}

export function dealPage(id: number): HTMLElement {
  const body = h('div', { class: 'deal' });
  const root = pageRoot('deal', 'deal.title', link('#/deals', `← ${t('deal.back')}`), body);
  root.dataset['dealId'] = String(id);

  const load = async (): Promise<void> => {
    markLoading(root);
    try {
      const [{ detail, etag }, messages, escrow, transactions] = await Promise.all([
        api.getDeal(id),
        settle(api.dealMessages(id)),
        settle(api.dealEscrow(id)),
        settle(api.dealTransactions(id)),
      ]);
      const deal = detail.deal;
      const [seller, buyer] = await Promise.all([settle(api.getUser(deal.sellerId)), settle(api.getUser(deal.buyerId))]);
      root.dataset['status'] = deal.status;
      const onResolve = (): void => openResolveDialog({ detail, etag, onDone: () => void load() });
      body.replaceChildren();
      append(
        body,
        header(detail, onResolve),
        detail.dispute ? disputeBlock(detail.dispute) : null,
        parties([['seller', seller], ['buyer', buyer]]),
        h('div', { class: 'columns' }, deadlines(deal), workflow(detail)),
        timeline(detail),
        payments(transactions),
        ledger(escrow),
        chat(deal, messages),
      );
    } catch (error) {
      body.replaceChildren(pageError(error));
    }
    markLoaded(root);
  };

  body.append(h('p', { class: 'muted', text: t('common.loading') }));
  void load();
  return root;
}
