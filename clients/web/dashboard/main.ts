import './style.css';
import { createGraph } from './graph.js';
import type { Panel } from './panel.js';
import {
  coordinationView,
  countryView,
  mapView,
  programmeView,
  type ViewContext,
} from './views/index.js';

const TOKEN_KEY = 'crg-dashboard-token';
const tokenOf = () => sessionStorage.getItem(TOKEN_KEY) ?? undefined;
const graph = createGraph('/graphql', tokenOf);
const main = document.getElementById('main') as HTMLElement;
const syntheticBox = document.getElementById('synthetic') as HTMLInputElement;
const roleLine = document.getElementById('role') as HTMLElement;
const banner = document.getElementById('banner') as HTMLElement;
let panels: Panel[] = [];

/** The role claim of a JWT, read for display only (the gateway verifies the token on each request). */
function claimsOf(token: string): { role?: string; country?: string; org?: string; exp?: number } {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = atob(payload.replaceAll('-', '+').replaceAll('_', '/'));
    return JSON.parse(json) as { role?: string };
  } catch {
    return {};
  }
}

function showViewer(): void {
  const token = tokenOf();
  if (!token) {
    roleLine.textContent = 'Viewing as: public (sign in to see restricted findings you may read)';
    roleLine.dataset['role'] = 'public';
    return;
  }
  const claims = claimsOf(token);
  const role = claims.role ?? 'unknown';
  roleLine.dataset['role'] = role;
  roleLine.textContent = `Viewing as: ${role}${claims.country ? ` (${claims.country})` : ''}${claims.org ? ` (${claims.org})` : ''}, signed in with a token`;
}

function link(path: string, text: string): HTMLAnchorElement {
  const a = document.createElement('a');
  a.href = withSynthetic(path);
  a.textContent = text;
  return a;
}

/** Keeps the synthetic switch in every link, so a shared URL shows the same figures. */
function withSynthetic(path: string): string {
  const url = new URL(path, location.origin);
  if (syntheticBox.checked) {
    url.searchParams.set('synthetic', '1');
  } else {
    url.searchParams.delete('synthetic');
  }
  return `${url.pathname}${url.search}`;
}

function navigate(path: string): void {
  history.pushState(null, '', withSynthetic(path));
  void render();
}

async function render(): Promise<void> {
  for (const panel of panels) {
    panel.dispose();
  }
  panels = [];
  const url = new URL(location.href);
  syntheticBox.checked = url.searchParams.get('synthetic') === '1';
  document.body.classList.toggle('with-synthetic', syntheticBox.checked);
  const path = url.pathname.replace(/\/+$/, '');
  const ctx: ViewContext = {
    main,
    graph,
    includeSynthetic: syntheticBox.checked,
    params: url.searchParams,
    navigate,
    link,
    panels,
  };
  const country = /^\/dashboard\/country\/([A-Za-z]{3})$/.exec(path);
  let view = 'map';
  if (country?.[1]) {
    view = 'country';
  } else if (path === '/dashboard/programme') {
    view = 'programme';
  } else if (path === '/dashboard/coordination') {
    view = 'coordination';
  }
  for (const a of document.querySelectorAll<HTMLAnchorElement>('nav a')) {
    if (a.dataset['view'] === view) {
      a.setAttribute('aria-current', 'page');
    } else {
      a.removeAttribute('aria-current');
    }
  }
  document.body.dataset['view'] = view;
  document.body.dataset['loaded'] = 'false';
  const run =
    view === 'country'
      ? countryView(ctx, (country?.[1] ?? 'KEN').toUpperCase())
      : view === 'programme'
        ? programmeView(ctx)
        : view === 'coordination'
          ? coordinationView(ctx)
          : mapView(ctx);
  try {
    await run;
  } catch (error) {
    banner.hidden = false;
    banner.textContent = `This view failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  document.title = `${main.querySelector('h1')?.textContent ?? 'Dashboard'} · Cybercrime Repository Graph`;
  document.body.dataset['loaded'] = 'true';
  // Every panel drawn or settled: what the benchmark times from navigation start.
  performance.mark('dashboard-loaded');
}

// Links inside the page stay in the page (History API); the gateway answers every
// /dashboard/... path with this page (fallbackToIndex), so reloads and shared links work too.
document.addEventListener('click', (event) => {
  const target = (event.target as HTMLElement).closest('a');
  if (
    !target ||
    event.defaultPrevented ||
    event.button !== 0 ||
    event.metaKey ||
    event.ctrlKey ||
    event.shiftKey
  ) {
    return;
  }
  const url = new URL(target.href, location.href);
  if (url.origin === location.origin && url.pathname.startsWith('/dashboard')) {
    event.preventDefault();
    navigate(`${url.pathname}${url.search}`);
    main.focus();
  }
});
window.addEventListener('popstate', () => void render());
syntheticBox.addEventListener('change', () => navigate(`${location.pathname}${location.search}`));

const form = document.getElementById('token-form') as HTMLFormElement;
form.addEventListener('submit', (event) => {
  event.preventDefault();
  const value = (document.getElementById('token') as HTMLTextAreaElement).value.trim();
  if (value) {
    sessionStorage.setItem(TOKEN_KEY, value);
  }
  // Another viewer may see more: start again with nothing cached.
  location.reload();
});
document.getElementById('sign-out')?.addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN_KEY);
  location.reload();
});

showViewer();
void render();
