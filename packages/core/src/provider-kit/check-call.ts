import type { Call } from '../call.js';
import { callDirections, callStatuses } from '../call.js';
import { isCurrencyCode } from '../currency-code.js';
import { ResponseValidationError } from '../errors/index.js';
import type { ListingContext } from '../paginate.js';

// A call before 2000 or after 2100 is a unit mistake (seconds read as milliseconds) or garbage.
const earliestMs = Date.UTC(2000, 0, 1);
const latestMs = Date.UTC(2100, 0, 1);
// No call lasts 30 days; a duration past it is a unit mistake or garbage (`1e300`).
const longestSeconds = 30 * 86_400;

/** What a Call must never hold, field by field (paths name fields, never values); empty when sound. */
export function callProblems(call: Call): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const instant = (path: string, value: unknown) => {
    if (!(value instanceof Date) || Number.isNaN(value.getTime()))
      problems.push({ path, message: 'expected a valid date' });
    else if (value.getTime() < earliestMs || value.getTime() >= latestMs)
      problems.push({ path, message: 'expected a date between 2000 and 2100' });
  };
  if (typeof call.id !== 'string' || call.id.length === 0)
    problems.push({ path: 'id', message: 'expected a non-empty id' });
  if (!callDirections.includes(call.direction))
    problems.push({ path: 'direction', message: `expected one of ${callDirections.join(', ')}` });
  if (!callStatuses.includes(call.status))
    problems.push({ path: 'status', message: `expected one of ${callStatuses.join(', ')}` });
  instant('startedAt', call.startedAt);
  if (call.endedAt !== undefined) {
    instant('endedAt', call.endedAt);
    if (call.endedAt.getTime() < call.startedAt.getTime())
      problems.push({ path: 'endedAt', message: 'expected an end at or after the start' });
  }
  for (const [name, value] of Object.entries(call.durations)) {
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > longestSeconds)
      problems.push({
        path: `durations.${name}`,
        message: `expected seconds from 0 to ${longestSeconds}`,
      });
  }
  if (call.cost && !Number.isFinite(call.cost.amount))
    problems.push({ path: 'cost.amount', message: 'expected a finite amount' });
  if (call.cost?.currency !== undefined && !isCurrencyCode(call.cost.currency))
    problems.push({ path: 'cost.currency', message: 'expected an ISO 4217 currency code' });
  return problems;
}

/**
 * Checks what the mapping cannot be trusted to have caught and a Call must never hold:
 * an invalid or implausible date (a `time` beyond the Date range), an end before the
 * start, a duration out of range (`1e300`), a cost that is no number or whose currency is no
 * ISO 4217 code. A mapping that cannot read a field the provider did send leaves it invalid
 * (an invalid Date, `NaN`, the text as sent) for this check to name, rather than dropping it. A provider's answer
 * is never trusted: such a record fails the listing as a `ResponseValidationError` naming
 * the call and the field, rather than crashing a consumer later (`Invalid time value`).
 */
export function checkCall(call: Call, context: ListingContext): void {
  const problems = callProblems(call);
  if (problems.length === 0) return;
  const id = typeof call.id === 'string' && call.id ? call.id : '(no id)';
  const issues = problems.map((problem) => ({ ...problem, path: `call ${id}.${problem.path}` }));
  throw new ResponseValidationError({
    ...context,
    issues,
    message: issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '),
  });
}
