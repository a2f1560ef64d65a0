import './style.css';
import { setApiBaseUrl } from './api';
import { loadConfig } from './config';
import { applyLang, onLangChange } from './i18n';
import { forgetAdmin, renderShell } from './layout';
import { loginPage } from './pages/login';
import { registerPages } from './pages';
import { navigate, rerender, startRouter } from './router';
import { initSession } from './session';

async function main(): Promise<void> {
  const app = document.getElementById('app');
  if (!app) return;
  applyLang();
  const config = await loadConfig();
  setApiBaseUrl(config.apiBaseUrl);
  initSession(() => {
    forgetAdmin();
    document.querySelectorAll('dialog').forEach((dialog) => dialog.close());
    navigate('/login');
  });
  registerPages();
  onLangChange(rerender);
  startRouter(
    (section, page) => renderShell(app, section, page),
    () => app.replaceChildren(loginPage()),
  );
}

void main();
