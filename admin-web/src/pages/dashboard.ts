import * as chartjs from 'chart.js';
import type { ChartConfiguration } from 'chart.js';
import * as api from '../api';
import { h } from '../dom';
import { t, tEnum } from '../i18n';
import { formatAge, formatDay, formatNumber } from '../format';
import type { Currency, DealStats } from '../types';
import { markLoaded, markLoading, pageError, pageRoot, select } from '../ui';

// Only the pieces these four charts use, so the rest of chart.js is left out of the bundle.
chartjs.Chart.register(
  chartjs.ArcElement,
  chartjs.BarController,
  chartjs.BarElement,
  chartjs.CategoryScale,
  chartjs.DoughnutController,
  chartjs.Legend,
  chartjs.LinearScale,
  chartjs.LineController,
  chartjs.LineElement,
  chartjs.PointElement,
  chartjs.Tooltip,
);

const CURRENCIES: Currency[] = ['XTR', 'USDT'];
const PALETTE = ['#2563eb', '#16a34a', '#f59e0b', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#ea580c', '#475569'];
let days = 30;
let charts: chartjs.Chart[] = [];

function amountOf(list: { amount: string; currency: Currency }[], currency: Currency): number {
  return Number(list.find((m) => m.currency === currency)?.amount ?? 0);
}

/** Adds a titled card with a canvas to `grid`, then draws the chart on it (attached, so it can size itself). */
function drawChart(grid: HTMLElement, testid: string, title: string, config: ChartConfiguration): void {
  const canvas = h('canvas', { testid, attrs: { role: 'img', 'aria-label': title } });
  grid.append(h('div', { class: 'card' }, h('h2', { text: title }), h('div', { class: 'chart-box' }, canvas)));
  const chart = new chartjs.Chart(canvas, {
    ...config,
    options: { animation: false, responsive: true, maintainAspectRatio: false, ...config.options },
  });
  charts.push(chart);
  const points = chart.data.datasets.reduce((sum, dataset) => sum + dataset.data.length, 0);
  canvas.dataset['points'] = String(points);
}

function volumeChart(stats: DealStats): ChartConfiguration {
  const labels = stats.daily.map((d) => formatDay(d.day));
  return {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { type: 'bar', label: t('dashboard.dealCount'), data: stats.daily.map((d) => d.count), backgroundColor: '#cbd5e1', yAxisID: 'count' },
        ...CURRENCIES.map((currency, i) => ({
          type: 'line' as const,
          label: t('dashboard.volumeIn', { currency }),
          data: stats.daily.map((d) => amountOf(d.volume, currency)),
          borderColor: PALETTE[i],
          backgroundColor: PALETTE[i],
          yAxisID: currency,
        })),
      ],
    },
    options: {
      scales: {
        count: { type: 'linear', position: 'left', beginAtZero: true, ticks: { precision: 0 } },
        XTR: { type: 'linear', position: 'right', beginAtZero: true, grid: { drawOnChartArea: false } },
        USDT: { type: 'linear', position: 'right', beginAtZero: true, grid: { drawOnChartArea: false } },
      },
    },
  };
}

function statusChart(stats: DealStats): ChartConfiguration {
  return {
    type: 'doughnut',
    data: {
      labels: stats.byStatus.map((s) => tEnum('dealStatus', s.status)),
      datasets: [{ data: stats.byStatus.map((s) => s.count), backgroundColor: stats.byStatus.map((_, i) => PALETTE[i % PALETTE.length]!) }],
    },
    options: { plugins: { legend: { position: 'right' } } },
  };
}

function escrowChart(stats: DealStats): ChartConfiguration {
  return {
    type: 'bar',
    data: {
      labels: stats.escrowHeld.map((m) => m.currency),
      datasets: [{ label: t('dashboard.escrowHeld'), data: stats.escrowHeld.map((m) => Number(m.amount)), backgroundColor: PALETTE.slice(0, 2) }],
    },
    options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } },
  };
}

function disputesChart(stats: DealStats): ChartConfiguration {
  const d = stats.disputes;
  return {
    type: 'bar',
    data: {
      labels: [t('dashboard.ageUnderDay'), t('dashboard.ageOneToThree'), t('dashboard.ageThreeToSeven'), t('dashboard.ageOverSeven')],
      datasets: [
        {
          label: t('dashboard.openDisputes'),
          data: [d.underOneDay, d.oneToThreeDays, d.threeToSevenDays, d.overSevenDays],
          backgroundColor: ['#16a34a', '#f59e0b', '#ea580c', '#dc2626'],
        },
      ],
    },
    options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  };
}

function tile(testid: string, label: string, value: string): HTMLElement {
  return h('div', { class: 'tile', testid }, h('span', { class: 'tile-value', text: value }), h('span', { class: 'tile-label', text: label }));
}

function destroyCharts(): void {
  charts.forEach((chart) => chart.destroy());
  charts = [];
}

export function dashboardPage(): HTMLElement {
  const body = h('div', { class: 'dashboard' });
  const daysSelect = select(
    [7, 30, 90].map((n): [string, string] => [String(n), t('dashboard.days', { n })]),
    String(days),
    'dashboard-days',
  );
  const root = pageRoot('dashboard', 'dashboard.title', h('div', { class: 'toolbar' }, daysSelect), body);

  const load = async (): Promise<void> => {
    markLoading(root);
    destroyCharts();
    body.replaceChildren(h('p', { class: 'muted', text: t('common.loading') }));
    try {
      const stats = await api.stats(days);
      const tiles = h(
        'div',
        { class: 'tiles' },
        tile('tile-open-disputes', t('dashboard.openDisputes'), formatNumber(stats.disputes.open)),
        tile('tile-oldest-dispute', t('dashboard.oldestDispute'), formatAge(stats.disputes.oldestHours)),
        tile('tile-deals', t('dashboard.dealsInPeriod', { n: days }), formatNumber(stats.daily.reduce((s, d) => s + d.count, 0))),
      );
      const grid = h('div', { class: 'charts' });
      body.replaceChildren(tiles, grid);
      drawChart(grid, 'chart-volume', t('dashboard.volume'), volumeChart(stats));
      drawChart(grid, 'chart-status', t('dashboard.byStatus'), statusChart(stats));
      drawChart(grid, 'chart-escrow', t('dashboard.escrowHeld'), escrowChart(stats));
      drawChart(grid, 'chart-disputes', t('dashboard.disputeBacklog'), disputesChart(stats));
    } catch (error) {
      body.replaceChildren(pageError(error));
    }
    markLoaded(root);
  };

  daysSelect.addEventListener('change', () => {
    days = Number(daysSelect.value);
    void load();
  });
  void load();
  return root;
}
