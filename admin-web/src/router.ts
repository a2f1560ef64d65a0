import { isSignedIn } from './session';

export type Params = Record<string, string>;
export type PageRenderer = (params: Params) => HTMLElement;

interface Route {
  pattern: RegExp;
  keys: string[];
  section: string;
  render: PageRenderer;
}

const routes: Route[] = [];
let renderShell: (section: string, page: HTMLElement) => void = () => {};
let renderLogin: () => void = () => {};

/** Registers `#/path/:param` → renderer; `section` is the nav item it belongs to. */
export function route(path: string, section: string, render: PageRenderer): void {
  const keys: string[] = [];
  const source = path.replace(/:(\w+)/g, (_, key: string) => {
    keys.push(key);
    return '([^/]+)';
  });
  routes.push({ pattern: new RegExp(`^${source}$`), keys, section, render });
}

export function navigate(path: string): void {
  if (location.hash === `#${path}`) rerender();
  else location.hash = `#${path}`;
}

function currentPath(): string {
  const path = location.hash.replace(/^#/, '').split('?')[0] ?? '';
  return path === '' || path === '/' ? '/dashboard' : path;
}

/** Renders the page of the current hash (again): after navigation, sign-in, sign-out or a language change. */
export function rerender(): void {
  const path = currentPath();
  if (path === '/login') {
    if (isSignedIn()) navigate('/dashboard');
    else renderLogin();
    return;
  }
  if (!isSignedIn()) {
    navigate('/login');
    return;
  }
  const found = routes.find((r) => r.pattern.test(path));
  if (!found) {
    navigate('/dashboard');
    return;
  }
  const match = found.pattern.exec(path)!;
  const params: Params = {};
  found.keys.forEach((key, i) => (params[key] = decodeURIComponent(match[i + 1] ?? '')));
  renderShell(found.section, found.render(params));
}

export function startRouter(shell: (section: string, page: HTMLElement) => void, login: () => void): void {
  renderShell = shell;
  renderLogin = login;
  window.addEventListener('hashchange', rerender);
  rerender();
}
