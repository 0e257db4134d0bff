import { runInNewContext } from 'node:vm';
import { expect, test } from 'vitest';
import type { DashboardView } from './dashboard-view.ts';
import { filePageScript, moduleSource, servedPageScript } from './page-bundle.ts';
import * as renderer from './render-dashboard-body.ts';
import { renderDashboardBody } from './render-dashboard-body.ts';

const view: DashboardView = {
  mode: 'file',
  generatedAt: Date.parse('2026-11-24T06:30:00Z'),
  version: '',
  source: 'Calls in test.',
  filter: { provider: null, account: null, fromDay: null, toDay: null, direction: null },
  choices: {
    providers: ['telecmi'],
    accounts: [],
    directions: ['inbound'],
    firstDay: '2026-11-23',
    lastDay: '2026-11-24',
  },
  query: '',
  providers: [
    {
      provider: 'telecmi',
      calls: 3,
      answered: 2,
      missed: 1,
      totalSeconds: 130,
      talkSeconds: null,
      billedSeconds: 120,
      costs: [{ currency: 'INR', amount: 1.5 }],
    },
  ],
  days: [
    {
      day: '2026-11-23',
      provider: 'telecmi',
      direction: 'inbound',
      answered: 1,
      missed: 1,
      other: 0,
    },
    {
      day: '2026-11-24',
      provider: 'telecmi',
      direction: 'inbound',
      answered: 1,
      missed: 0,
      other: 0,
    },
  ],
  heatmap: [{ weekday: 1, hour: 10, inbound: 3, missedInbound: 1 }],
  trend: [
    { day: '2026-11-23', calls: 2, answered: 1, averageRingSeconds: 12 },
    { day: '2026-11-24', calls: 1, answered: 1, averageRingSeconds: null },
  ],
  agents: [
    { agent: '<b>Meera</b>', calls: 2, answered: 2, talkSeconds: null, averageHandleSeconds: 65 },
  ],
  missed: {
    count: 1,
    page: 0,
    pageSize: 5,
    rows: [
      {
        startedAt: Date.parse('2026-11-23T04:30:00Z'),
        provider: 'telecmi',
        account: null,
        id: 'm1',
        number: '+919800000001',
        direction: 'inbound',
        recordingUrl: 'javascript:alert(1)',
      },
    ],
    available: 1,
  },
  calls: { count: 3, page: 0, pageSize: 5, rows: [], available: 3 },
};

test('the renderer shipped to the page draws what the server draws', () => {
  const shipped = runInNewContext(moduleSource(renderer)) as typeof renderer;
  expect(shipped.renderDashboardBody(view)).toBe(renderDashboardBody(view));
});

test('the body escapes provider text and links only http(s) recordings and dialable numbers', () => {
  const html = renderDashboardBody(view);
  expect(html).toContain('&lt;b&gt;Meera&lt;/b&gt;');
  expect(html).not.toContain('javascript:');
  expect(html).toContain('<a href="tel:+919800000001">+919800000001</a>');
  expect(html).toContain('<time datetime="2026-11-23T04:30:00.000Z">2026-11-23 10:00:00</time>');
  expect(html).toContain('1d 2h ago');
});

test('only function declarations can be shipped, and no script text can close the element', () => {
  expect(() => moduleSource({ arrow: () => 1 })).toThrow('arrow must be a function declaration');
  for (const script of [filePageScript(), servedPageScript()]) {
    expect(script).not.toMatch(/<\/script/i);
    // It parses as a script.
    expect(() => new Function(script)).not.toThrow();
  }
});
