import { ApiError } from './api';
import { type Child, append, h, show } from './dom';
import { type MessageKey, t, tEnum } from './i18n';
import type { Page } from './types';

// Errors

export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.isNetwork) return t('error.network');
    const problem = error.problem;
    return problem?.detail || problem?.title || t('error.http', { status: error.status });
  }
  return error instanceof Error ? error.message : String(error);
}

export function pageError(error: unknown): HTMLElement {
  return h('p', { class: 'error', testid: 'page-error', attrs: { role: 'alert' }, text: describeError(error) });
}

// Pages

export function pageRoot(name: string, title: MessageKey, ...children: Child[]): HTMLElement {
  return h('section', { class: `page page-${name}`, testid: `page-${name}` }, h('h1', { text: t(title) }), ...children);
}

export function markLoading(root: HTMLElement): void {
  root.removeAttribute('data-loaded');
}

export function markLoaded(root: HTMLElement): void {
  root.dataset['loaded'] = 'true';
}

// Small pieces

export function badge(group: string, value: string, testid?: string): HTMLElement {
  return h('span', { class: `badge badge-${value}`, testid, data: { value }, text: tEnum(group, value) });
}

export function link(href: string, text: string, testid?: string): HTMLAnchorElement {
  return h('a', { attrs: { href }, testid, text });
}

export const userLink = (id: number | null | undefined, testid?: string): Child =>
  id === null || id === undefined ? '—' : link(`#/users/${id}`, `#${id}`, testid);

export const dealLink = (id: number, text = `#${id}`, testid?: string): HTMLAnchorElement => link(`#/deals/${id}`, text, testid);

export function button(label: string, onClick: () => void, options: { testid?: string; kind?: 'primary' | 'danger' | 'plain'; type?: 'button' | 'submit' } = {}): HTMLButtonElement {
  return h('button', {
    class: `btn btn-${options.kind ?? 'plain'}`,
    testid: options.testid,
    attrs: { type: options.type ?? 'button' },
    text: label,
    on: { click: () => onClick() },
  });
}

export function field(label: string, control: HTMLElement): HTMLLabelElement {
  return h('label', { class: 'field' }, h('span', { class: 'field-label', text: label }), control);
}

export function select(options: [value: string, label: string][], value: string, testid?: string): HTMLSelectElement {
  const el = h('select', { testid }, ...options.map(([v, label]) => h('option', { attrs: { value: v }, text: label })));
  el.value = value;
  return el;
}

/** Options for an enum filter: "all" first, then each value under its translated name. */
export function enumOptions(group: string, values: readonly string[], allLabel: MessageKey | null = 'common.all'): [string, string][] {
  const all: [string, string][] = allLabel ? [['', t(allLabel)]] : [];
  return [...all, ...values.map((v): [string, string] => [v, tEnum(group, v)])];
}

/** A filter bar: a form whose submit (button or Enter) runs `apply`. */
export function filterForm(applyTestId: string, apply: () => void, ...fields: HTMLElement[]): HTMLFormElement {
  return h(
    'form',
    { class: 'filters', on: { submit: (event) => { event.preventDefault(); apply(); } } },
    ...fields,
    h('button', { class: 'btn btn-primary', testid: applyTestId, attrs: { type: 'submit' }, text: t('common.apply') }),
  );
}

export function definitionList(rows: [MessageKey, Child][]): HTMLDListElement {
  return h('dl', { class: 'props' }, ...rows.flatMap(([label, value]) => [h('dt', { text: t(label) }), h('dd', null, value ?? '—')]));
}

// Toast

let toastEl: HTMLElement | null = null;
let toastTimer: number | undefined;

export function toast(message: string, kind: 'ok' | 'error' = 'ok'): void {
  if (!toastEl) {
    toastEl = h('div', { class: 'toast', testid: 'toast', attrs: { role: 'status', 'aria-live': 'polite' } });
    document.body.append(toastEl);
  }
  toastEl.textContent = message;
  toastEl.className = `toast toast-${kind} toast-visible`;
  window.clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => toastEl?.classList.remove('toast-visible'), 6000);
}

// Tables

export interface Column<T> {
  header: MessageKey;
  cell: (row: T) => Child;
  class?: string;
}

export interface TableSpec<T> {
  columns: Column<T>[];
  rowTestId: string;
  rowData?: (row: T) => Record<string, string | number | null | undefined>;
  empty?: MessageKey;
}

export function table<T>(spec: TableSpec<T>, testid?: string): { element: HTMLElement; tbody: HTMLTableSectionElement; add: (rows: T[]) => void } {
  const tbody = h('tbody');
  const empty = h('p', { class: 'muted', text: t(spec.empty ?? 'common.empty') });
  const element = h(
    'div',
    { class: 'table-wrap', testid },
    h('table', null, h('thead', null, h('tr', null, ...spec.columns.map((c) => h('th', { class: c.class, text: t(c.header) })))), tbody),
    empty,
  );
  const add = (rows: T[]): void => {
    for (const row of rows) {
      tbody.append(
        h('tr', { testid: spec.rowTestId, data: spec.rowData?.(row) }, ...spec.columns.map((c) => h('td', { class: c.class }, c.cell(row)))),
      );
    }
    show(empty, tbody.childElementCount === 0);
  };
  add([]);
  return { element, tbody, add };
}

/**
 * A cursor-paged table with "Load more". `load()` starts again from the first page; the page root is marked
 * loaded after each first page, and a failure is shown as the page's error.
 */
export function pagedTable<T>(root: HTMLElement, spec: TableSpec<T>, fetchPage: (cursor: string | null) => Promise<Page<T>>): { element: HTMLElement; load: () => Promise<void> } {
  const element = h('div', { class: 'paged' });
  let generation = 0;

  const load = async (): Promise<void> => {
    const mine = ++generation;
    markLoading(root);
    element.replaceChildren(h('p', { class: 'muted', text: t('common.loading') }));
    let next: string | null = null;
    const view = table(spec);
    const more = button(t('common.loadMore'), () => void loadMore(), { testid: 'load-more' });
    const moreError = h('p', { class: 'error' });

    /** Adds the page after `next` to the table; false when a newer load() has taken over. */
    const fetchInto = async (): Promise<boolean> => {
      const page = await fetchPage(next);
      if (mine !== generation) return false;
      view.add(page.items);
      next = page.next ?? null;
      show(more, next !== null);
      return true;
    };

    const loadMore = async (): Promise<void> => {
      more.disabled = true;
      moreError.textContent = '';
      try {
        await fetchInto();
      } catch (error) {
        moreError.textContent = describeError(error);
      } finally {
        more.disabled = false;
      }
    };

    try {
      if (!(await fetchInto())) return;
      element.replaceChildren(view.element, moreError, more);
    } catch (error) {
      if (mine !== generation) return;
      element.replaceChildren(pageError(error));
    }
    markLoaded(root);
  };

  return { element, load };
}

// Dialogs

interface DialogParts {
  dialog: HTMLDialogElement;
  error: HTMLElement;
  close: () => void;
  /** Runs `work` with the dialog's buttons disabled; shows a failure in the dialog and keeps it open. */
  busy: (work: () => Promise<void>) => Promise<boolean>;
}

/** Opens a modal <dialog>; it is removed from the page when closed. */
export function openDialog(testid: string, errorTestId: string, build: (parts: DialogParts) => Child[]): DialogParts {
  const dialog = h('dialog', { class: 'dialog', testid });
  const error = h('p', { class: 'error', testid: errorTestId, attrs: { role: 'alert' } });
  show(error, false);
  const close = (): void => dialog.close();
  const setError = (message: string): void => {
    error.textContent = message;
    show(error, message !== '');
  };
  const busy = async (work: () => Promise<void>): Promise<boolean> => {
    const buttons = Array.from(dialog.querySelectorAll('button'));
    buttons.forEach((b) => (b.disabled = true));
    setError('');
    try {
      await work();
      return true;
    } catch (e) {
      setError(describeError(e));
      return false;
    } finally {
      buttons.forEach((b) => (b.disabled = false));
    }
  };
  const parts: DialogParts = { dialog, error, close, busy };
  append(dialog, ...build(parts), error);
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  return parts;
}

export function dialogError(parts: DialogParts, message: string): void {
  parts.error.textContent = message;
  show(parts.error, true);
}

/** A yes/no confirmation that runs `run` on OK; errors stay in the dialog so the same action can be retried. */
export function confirmAction(text: string, okLabel: string, run: () => Promise<void>, danger = false): void {
  const parts = openDialog('confirm-dialog', 'confirm-error', ({ close, busy }) => [
    h('p', { testid: 'confirm-text', text }),
    h(
      'div',
      { class: 'dialog-actions' },
      button(t('common.cancel'), close, { testid: 'confirm-cancel' }),
      button(okLabel, () => void busy(run).then((ok) => ok && close()), { testid: 'confirm-ok', kind: danger ? 'danger' : 'primary' }),
    ),
  ]);
  parts.dialog.querySelector<HTMLButtonElement>('[data-testid="confirm-ok"]')?.focus();
}

export interface ReasonDialogSpec {
  /** Test ids are `{prefix}-dialog`, `{prefix}-reason`, `{prefix}-confirm` (and `-cancel`, `-error`). */
  prefix: string;
  title: string;
  text: string;
  okLabel: string;
  maxLength: number;
  run: (reason: string) => Promise<unknown>;
  /** The toast shown once `run` succeeded. */
  done: string;
  after: () => void;
}

/** A dialog asking for a required reason (trimmed, 1..maxLength characters) before running `run`. */
export function reasonDialog(spec: ReasonDialogSpec): void {
  const reason = h('textarea', { testid: `${spec.prefix}-reason`, attrs: { rows: 4, maxlength: spec.maxLength, required: true } });
  const submit = async (): Promise<void> => {
    await spec.run(reason.value.trim());
    toast(spec.done);
    spec.after();
  };
  const parts = openDialog(`${spec.prefix}-dialog`, `${spec.prefix}-error`, ({ close, busy }) => [
    h('h2', { text: spec.title }),
    h('p', { text: spec.text }),
    field(t('common.reason'), reason),
    h(
      'div',
      { class: 'dialog-actions' },
      button(t('common.cancel'), close, { testid: `${spec.prefix}-cancel` }),
      button(
        spec.okLabel,
        () => {
          const text = reason.value.trim();
          if (text === '' || text.length > spec.maxLength) {
            dialogError(parts, t('error.reasonRequired', { max: spec.maxLength }));
            return;
          }
          void busy(submit).then((ok) => ok && close());
        },
        { testid: `${spec.prefix}-confirm`, kind: 'danger' },
      ),
    ),
  ]);
  reason.focus();
}
