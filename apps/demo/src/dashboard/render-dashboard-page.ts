import { createHash } from 'node:crypto';
import { encodeFileData } from './dashboard-data.ts';
import { dashboardStyles } from './dashboard-styles.ts';
import type { DashboardFileData, DashboardView } from './dashboard-view.ts';
import { renderFilterForm } from './filter-form.ts';
import { filePageScript, servedPageScript } from './page-bundle.ts';
import { escapeHtml, renderDashboardBody } from './render-dashboard-body.ts';

/** JSON inside a `<script>` element: `<` escaped, so no text in the data can close it. */
export function jsonInScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * The whole page. Nothing in it reaches the network: styles, script and (in a file) data
 * are inlined, and its Content-Security-Policy forbids loading anything else — a saved file
 * opens from disk or a mail attachment as it was written, and a provider's text in the data
 * cannot make it fetch anything. Only the served page may talk back to its own server.
 */
export function renderDashboardPage(view: DashboardView, fileData?: DashboardFileData): string {
  const script = view.mode === 'file' ? filePageScript() : servedPageScript();
  const scriptHash = createHash('sha256').update(script).digest('base64');
  const policy = [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    `script-src 'sha256-${scriptHash}'`,
    view.mode === 'serve' ? "connect-src 'self'" : '',
    'img-src data:',
    "base-uri 'none'",
    "form-action 'self'",
  ]
    .filter(Boolean)
    .join('; ');
  const data = fileData
    ? `<script type="application/json" id="dashboard-data">${jsonInScript(encodeFileData(fileData))}</script>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="referrer" content="no-referrer">
<title>Calls dashboard</title>
<style>${dashboardStyles}</style>
</head>
<body>
<header>
<h1>Calls dashboard</h1>
<p class="source">${escapeHtml(view.source)}</p>
<p class="zone">${view.timeZone === undefined || view.timeZone === 'Asia/Kolkata' ? 'All times are India Standard Time (IST, UTC+05:30).' : `All days and times are in ${escapeHtml(view.timeZone)}.`}</p>
${renderFilterForm(view)}
</header>
<main id="dashboard" data-version="${escapeHtml(view.version)}">${renderDashboardBody(view)}</main>
<footer>Written by cdr${view.mode === 'file' ? ': a saved file, filtered in the page (needs JavaScript); <code>cdr serve</code> shows the live database' : ', serving the live database'}.</footer>
${data}<script>${script}</script>
</body>
</html>
`;
}
