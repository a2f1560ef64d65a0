import { formatDateTime, formatMoney } from '../format';
import type { DealSummary } from '../types';
import { type TableSpec, badge, dealLink, userLink } from '../ui';

/** The deals table shared by the deals list and a user's page: rows `deal-row` linking to the deal page. */
export const dealTableSpec: TableSpec<DealSummary> = {
  rowTestId: 'deal-row',
  rowData: (s) => ({ dealId: s.deal.id, status: s.deal.status }),
  empty: 'deals.empty',
  columns: [
    { header: 'deals.id', cell: (s) => dealLink(s.deal.id) },
    { header: 'deals.titleCol', cell: (s) => dealLink(s.deal.id, s.title) },
    { header: 'deals.status', cell: (s) => badge('dealStatus', s.deal.status) },
    { header: 'deals.price', cell: (s) => formatMoney(s.deal.price), class: 'num' },
    { header: 'deals.seller', cell: (s) => userLink(s.deal.sellerId) },
    { header: 'deals.buyer', cell: (s) => userLink(s.deal.buyerId) },
    { header: 'deals.created', cell: (s) => formatDateTime(s.deal.createdAt) },
  ],
};
