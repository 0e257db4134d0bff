// What the dashboard page runs. A saved file filters and pages its own data, re-rendering
// with the server's renderer (shipped into the page by page-bundle.ts); a served page
// listens for the server's data version (server-sent events) and swaps in fresh figures.
// The page's objects are described by the few members used here rather than by the DOM
// library, which would give every server module browser globals. Like the renderer, this
// module imports nothing at run time.
import type {
  DashboardFileData,
  DashboardFilter,
  DashboardView,
  EmbeddedFileData,
} from './dashboard-view.ts';

interface PageEvent {
  readonly target: unknown;
  readonly data?: string;
  preventDefault(): void;
}

interface PageElement {
  textContent: string | null;
  innerHTML: string;
  readonly value?: string;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  closest(selector: string): PageElement | null;
  addEventListener(type: string, listener: (event: PageEvent) => void): void;
}

interface PageResponse {
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

interface PageEventSource {
  addEventListener(type: string, listener: (event: PageEvent) => void): void;
  /** 2 once the browser gave up on the stream (a 503 from a server with every place taken). */
  readonly readyState: number;
}

/** The members of the browser's `window` the page uses. */
export interface PageWindow {
  readonly document: { getElementById(id: string): PageElement | null };
  readonly location: { readonly search: string };
  fetch(url: string): Promise<PageResponse>;
  readonly EventSource: new (url: string) => PageEventSource;
  setTimeout(callback: () => void, ms: number): unknown;
}

/** A saved file: the filter form and the list pages re-render the figures from the file's data. */
export function startFilePage(
  page: PageWindow,
  render: (view: DashboardView) => string,
  filterView: (
    data: DashboardFileData,
    filter: DashboardFilter,
    pages: { missed: number; calls: number },
  ) => DashboardView,
  decode: (embedded: EmbeddedFileData) => DashboardFileData,
): void {
  const element = (id: string) => {
    const found = page.document.getElementById(id);
    if (!found) throw new Error(`the page has no #${id}`);
    return found;
  };
  const data = decode(JSON.parse(element('dashboard-data').textContent ?? '') as EmbeddedFileData);
  const main = element('dashboard');
  const form = element('filters');
  const status = element('filter-status');
  const pages = { missed: 0, calls: 0 };
  const chosen = (id: string) => {
    const value = element(id).value ?? '';
    return value === '' ? null : value;
  };
  const update = () => {
    const filter: DashboardFilter = {
      provider: chosen('filter-provider'),
      account: chosen('filter-account'),
      fromDay: chosen('filter-from'),
      toDay: chosen('filter-to'),
      direction: chosen('filter-direction'),
    };
    const view = filterView(data, filter, pages);
    main.innerHTML = render(view);
    const calls = view.providers.reduce((sum, row) => sum + row.calls, 0);
    status.textContent = `${calls.toLocaleString('en-US')} calls match.`;
  };
  const restart = () => {
    pages.missed = 0;
    pages.calls = 0;
    update();
  };
  form.addEventListener('change', restart);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    restart();
  });
  // A reset sets the fields after the event: re-render once they are.
  form.addEventListener('reset', () => {
    setTimeout(restart, 0);
  });
  main.addEventListener('click', (event) => {
    const button = (event.target as PageElement | null)?.closest('button[data-list]');
    if (!button) return;
    const list = button.getAttribute('data-list');
    const number = Number(button.getAttribute('data-page'));
    if (list === 'missed') pages.missed = number;
    if (list === 'calls') pages.calls = number;
    update();
  });
}

/** A served page: when the database's version changes, the figures are fetched again and swapped in. */
export function startServedPage(page: PageWindow): void {
  const main = page.document.getElementById('dashboard');
  const status = page.document.getElementById('live-status');
  if (!main || !status) return;
  let version = main.getAttribute('data-version');
  let fetching = false;
  const refresh = async (latest: string) => {
    if (fetching || latest === version) return;
    fetching = true;
    try {
      const response = await page.fetch(`fragment${page.location.search}`);
      if (!response.ok) {
        status.textContent = 'Could not refresh: the server answered with an error.';
        return;
      }
      main.innerHTML = await response.text();
      version = response.headers.get('x-dashboard-version') ?? latest;
      main.setAttribute('data-version', version);
      status.textContent = 'Live: updated with the latest calls.';
    } finally {
      fetching = false;
    }
  };
  const connect = () => {
    const events = new page.EventSource('events');
    events.addEventListener('version', (event) => {
      status.textContent = 'Live: updates as calls arrive.';
      void refresh(event.data ?? '');
    });
    events.addEventListener('error', () => {
      // The browser retries a dropped stream itself, but not one the server refused.
      if (events.readyState !== 2) {
        status.textContent = 'Not live: reconnecting to the server…';
        return;
      }
      status.textContent =
        'Not live: the server has no place for this page now; trying again in 30 s.';
      page.setTimeout(connect, 30_000);
    });
  };
  connect();
}
