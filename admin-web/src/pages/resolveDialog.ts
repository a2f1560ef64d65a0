import * as api from '../api';
import { ApiError } from '../api';
import { h, show } from '../dom';
import { t, tEnum } from '../i18n';
import { CURRENCY_SCALE, decimalText, formatMoney, parseDecimal } from '../format';
import type { Currency, DealDetail, DisputeDecision, DisputeOutcome } from '../types';
import { button, dialogError, field, openDialog, toast } from '../ui';

const OUTCOMES: DisputeOutcome[] = ['release', 'refund', 'split'];
const REASON_MAX = 2000;
/** Arithmetic is done in millionths, the finest unit either currency has. */
const SCALE = 6;

export interface ResolveSpec {
  detail: DealDetail;
  etag: string;
  /** Reloads the deal page (after success, or when the deal changed meanwhile). */
  onDone: () => void;
}

type Validated = { decision: DisputeDecision; sellerGets: bigint | null } | { error: string };

/** The resolve dialog: choose, explain, then confirm a plain statement of who gets what. */
export function openResolveDialog(spec: ResolveSpec): void {
  const deal = spec.detail.deal;
  const currency: Currency = deal.price.currency;
  const price = parseDecimal(deal.price.amount, SCALE) ?? 0n;
  const fee = parseDecimal(deal.fee.amount, SCALE) ?? 0n;
  const money = (units: bigint): string => formatMoney({ amount: decimalText(units, SCALE), currency });
  /** The fee's part on a split, as the API takes it: fee × share ÷ price, rounded half away from zero to the currency's unit. */
  const feeOn = (sellerShare: bigint): bigint => {
    const unit = 10n ** BigInt(SCALE - CURRENCY_SCALE[currency]);
    const numerator = fee * sellerShare;
    const denominator = price * unit;
    const whole = numerator / denominator;
    return (2n * (numerator % denominator) >= denominator ? whole + 1n : whole) * unit;
  };
  const keyFor = api.idempotencyKeys();
  let outcome: DisputeOutcome | null = null;
  let pending: DisputeDecision | null = null;

  const radios = OUTCOMES.map((value) =>
    h('input', { testid: `resolve-outcome-${value}`, attrs: { type: 'radio', name: 'resolve-outcome', value } }),
  );
  const share = h('input', { testid: 'resolve-seller-share', attrs: { inputmode: 'decimal', autocomplete: 'off', placeholder: `0 < … < ${deal.price.amount}` } });
  const buyerShare = h('span', { class: 'strong', testid: 'resolve-buyer-share' });
  const shareBlock = h('div', { class: 'split' }, field(t('resolve.sellerShare', { currency }), share), h('p', null, t('resolve.buyerPart'), ' ', buyerShare));
  const reason = h('textarea', { testid: 'resolve-reason', attrs: { rows: 4, maxlength: REASON_MAX } });
  const summary = h('div', { class: 'summary', testid: 'resolve-summary' });

  /** The seller's share in millionths, when it is a valid amount strictly between 0 and the price. */
  const validShare = (): bigint | null => {
    const units = parseDecimal(share.value, CURRENCY_SCALE[currency]);
    if (units === null) return null;
    const scaled = units * 10n ** BigInt(SCALE - CURRENCY_SCALE[currency]);
    return scaled > 0n && scaled < price ? scaled : null;
  };

  const refresh = (): void => {
    outcome = (radios.find((r) => r.checked)?.value as DisputeOutcome | undefined) ?? null;
    show(shareBlock, outcome === 'split');
    const seller = validShare();
    buyerShare.textContent = seller === null ? '—' : money(price - seller);
  };

  const validate = (): Validated => {
    if (!outcome) return { error: t('resolve.chooseOutcome') };
    const text = reason.value.trim();
    if (outcome === 'split') {
      const seller = validShare();
      if (seller === null) return { error: t('resolve.badShare', { price: formatMoney(deal.price) }) };
      if (!text || text.length > REASON_MAX) return { error: t('error.reasonRequired', { max: REASON_MAX }) };
      return { decision: { outcome, reason: text, sellerShare: { amount: decimalText(seller, SCALE), currency } }, sellerGets: seller };
    }
    if (!text || text.length > REASON_MAX) return { error: t('error.reasonRequired', { max: REASON_MAX }) };
    return { decision: { outcome, reason: text }, sellerGets: null };
  };

  const describe = (decision: DisputeDecision, sellerGets: bigint | null): string[] => {
    const seller = `#${deal.sellerId}`;
    const buyer = `#${deal.buyerId}`;
    const lines =
      decision.outcome === 'release'
        ? [t('resolve.sumRelease', { seller, amount: money(price - fee), price: money(price), fee: money(fee) }), t('resolve.sumBuyerNothing', { buyer })]
        : decision.outcome === 'refund'
          ? [t('resolve.sumRefund', { buyer, amount: money(price) }), t('resolve.sumSellerNothing', { seller })]
          : [
              t('resolve.sumSplitSeller', {
                seller,
                amount: money((sellerGets ?? 0n) - feeOn(sellerGets ?? 0n)),
                share: money(sellerGets ?? 0n),
                fee: money(feeOn(sellerGets ?? 0n)),
              }),
              t('resolve.sumSplitBuyer', { buyer, amount: money(price - (sellerGets ?? 0n)) }),
            ];
    return [...lines, `${t('common.reason')}: ${decision.reason}`, t('resolve.final')];
  };

  const step1 = h('div', { class: 'step' });
  const step2 = h('div', { class: 'step' });
  const parts = openDialog('resolve-dialog', 'resolve-error', ({ close, busy }) => {
    const confirm = button(t('resolve.confirm'), () => void submit(), { testid: 'resolve-confirm', kind: 'danger' });
    const submit = async (): Promise<void> => {
      if (!pending) return;
      const decision = pending;
      let stale = false;
      const ok = await busy(async () => {
        try {
          await api.resolveDispute(deal.id, spec.etag, decision, keyFor(JSON.stringify(decision)));
        } catch (error) {
          if (error instanceof ApiError && error.status === 412) {
            stale = true;
            spec.onDone();
            throw new Error(t('resolve.stale'));
          }
          throw error;
        }
      });
      if (ok) {
        close();
        toast(t('resolve.done', { id: deal.id, outcome: tEnum('outcome', decision.outcome) }));
        spec.onDone();
      } else if (stale) {
        confirm.disabled = true;
      }
    };
    const next = (): void => {
      const result = validate();
      if ('error' in result) {
        dialogError(parts, result.error);
        return;
      }
      pending = result.decision;
      show(parts.error, false);
      summary.replaceChildren(...describe(result.decision, result.sellerGets).map((line) => h('p', { text: line })));
      show(step1, false);
      show(step2, true);
      confirm.focus();
    };
    const back = (): void => {
      show(parts.error, false);
      show(step2, false);
      show(step1, true);
    };
    step1.append(
      h('fieldset', { class: 'outcomes' }, h('legend', { text: t('resolve.outcome') }),
        ...radios.map((radio, i) => h('label', { class: 'radio' }, radio, h('span', { text: tEnum('outcomeHelp', OUTCOMES[i]!) })))),
      shareBlock,
      field(t('common.reason'), reason),
      h('div', { class: 'dialog-actions' }, button(t('common.cancel'), close, { testid: 'resolve-cancel' }), button(t('resolve.next'), next, { testid: 'resolve-next', kind: 'primary' })),
    );
    step2.append(
      h('h3', { text: t('resolve.confirmTitle') }),
      summary,
      h('div', { class: 'dialog-actions' }, button(t('resolve.back'), back, { testid: 'resolve-back' }), confirm),
    );
    return [h('h2', { text: t('resolve.title', { id: deal.id }) }), h('p', { class: 'muted', text: `${spec.detail.title} · ${formatMoney(deal.price)}` }), step1, step2];
  });
  show(step2, false);
  radios.forEach((radio) => radio.addEventListener('change', refresh));
  share.addEventListener('input', refresh);
  refresh();
}
