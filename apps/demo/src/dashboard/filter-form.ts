import type { DashboardView } from './dashboard-view.ts';
import { escapeHtml, zoneName } from './render-dashboard-body.ts';

function select(
  id: string,
  name: string,
  label: string,
  allLabel: string,
  choices: readonly string[],
  chosen: string | null,
): string {
  // A value the filter holds stays selectable even when no call has it any more.
  const values = chosen !== null && !choices.includes(chosen) ? [...choices, chosen] : choices;
  const options = [
    `<option value="">${escapeHtml(allLabel)}</option>`,
    ...values.map(
      (value) =>
        `<option value="${escapeHtml(value)}"${value === chosen ? ' selected' : ''}>${escapeHtml(value)}</option>`,
    ),
  ];
  return `<label for="${id}">${escapeHtml(label)}<select id="${id}" name="${name}">${options.join('')}</select></label>`;
}

function dateInput(
  id: string,
  name: string,
  label: string,
  view: DashboardView,
  value: string | null,
): string {
  const bounds = `${view.choices.firstDay ? ` min="${view.choices.firstDay}"` : ''}${view.choices.lastDay ? ` max="${view.choices.lastDay}"` : ''}`;
  return `<label for="${id}">${escapeHtml(label)}<input type="date" id="${id}" name="${name}"${bounds}${value ? ` value="${escapeHtml(value)}"` : ''}></label>`;
}

/**
 * The filters: provider, account, days (India dates) and direction. A served page submits
 * them to the server (GET, so a filtered view is a link to share); a saved file applies
 * them in the page as they change.
 */
export function renderFilterForm(view: DashboardView): string {
  const served = view.mode === 'serve';
  const reset = served
    ? '<a class="reset" href="./">Clear</a>'
    : '<button type="reset">Clear</button>';
  const note = served
    ? '<p id="live-status" role="status" aria-live="polite">Live: updates as calls arrive.</p>'
    : '<p id="filter-status" role="status" aria-live="polite"></p>';
  return `<form id="filters" method="get" action="./" aria-label="Filters">${[
    select(
      'filter-provider',
      'provider',
      'Provider',
      'All providers',
      view.choices.providers,
      view.filter.provider,
    ),
    select(
      'filter-account',
      'account',
      'Account',
      'All accounts',
      view.choices.accounts,
      view.filter.account,
    ),
    dateInput(
      'filter-from',
      'from',
      `From (${zoneName(view.timeZone)})`,
      view,
      view.filter.fromDay,
    ),
    dateInput('filter-to', 'to', `To (${zoneName(view.timeZone)})`, view, view.filter.toDay),
    select(
      'filter-direction',
      'direction',
      'Direction',
      'Both directions',
      view.choices.directions,
      view.filter.direction,
    ),
  ].join('')}<button type="submit">Apply</button>${reset}</form>${note}`;
}
