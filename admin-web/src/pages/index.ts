import { route } from '../router';
import { auditPage } from './audit';
import { dashboardPage } from './dashboard';
import { dealPage } from './deal';
import { dealsPage } from './deals';
import { disputesPage } from './disputes';
import { listingsPage } from './listings';
import { payoutsPage } from './payouts';
import { userPage } from './user';
import { usersPage } from './users';

export function registerPages(): void {
  route('/dashboard', 'dashboard', dashboardPage);
  route('/deals', 'deals', dealsPage);
  route('/deals/:id', 'deals', (p) => dealPage(Number(p['id'])));
  route('/disputes', 'disputes', disputesPage);
  route('/listings', 'listings', listingsPage);
  route('/users', 'users', usersPage);
  route('/users/:id', 'users', (p) => userPage(Number(p['id'])));
  route('/payouts', 'payouts', payoutsPage);
  route('/audit', 'audit', auditPage);
}
