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

type CallProblem = { path: string; message: string };

/** What is wrong with an instant of a Call, if anything. */
function instantProblem(value: unknown): string | undefined {
  if (!(value instanceof Date)) return 'expected a valid date';
  const time = value.getTime();
  if (Number.isNaN(time)) return 'expected a valid date';
  if (time < earliestMs || time >= latestMs) return 'expected a date between 2000 and 2100';
  return undefined;
}

/**
 * What a Call must never hold, field by field (paths name fields, never values); empty when
 * sound. Every listed call passes here: a sound one allocates an empty array and nothing
 * else (no closure, no array of its durations: B3).
 */
export function callProblems(call: Call): CallProblem[] {
  let problems: CallProblem[] | undefined;
  if (typeof call.id !== 'string' || call.id.length === 0)
    problems = withProblem(problems, 'id', 'expected a non-empty id');
  if (!callDirections.includes(call.direction))
    problems = withProblem(problems, 'direction', `expected one of ${callDirections.join(', ')}`);
  if (!callStatuses.includes(call.status))
    problems = withProblem(problems, 'status', `expected one of ${callStatuses.join(', ')}`);
  const started = instantProblem(call.startedAt);
  if (started !== undefined) problems = withProblem(problems, 'startedAt', started);
  if (call.endedAt !== undefined) {
    const ended = instantProblem(call.endedAt);
    if (ended !== undefined) problems = withProblem(problems, 'endedAt', ended);
    if (call.endedAt.getTime() < call.startedAt.getTime())
      problems = withProblem(problems, 'endedAt', 'expected an end at or after the start');
  }
  const durations = call.durations as Record<string, unknown>;
  for (const name in durations) {
    if (!Object.hasOwn(durations, name)) continue;
    const value = durations[name];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > longestSeconds)
      problems = withProblem(
        problems,
        `durations.${name}`,
        `expected seconds from 0 to ${longestSeconds}`,
      );
  }
  if (call.cost && !Number.isFinite(call.cost.amount))
    problems = withProblem(problems, 'cost.amount', 'expected a finite amount');
  if (call.cost?.currency !== undefined && !isCurrencyCode(call.cost.currency))
    problems = withProblem(problems, 'cost.currency', 'expected an ISO 4217 currency code');
  return problems ?? [];
}

/** The list with one more problem: made on the first, so that a sound call allocates none. */
function withProblem(
  problems: CallProblem[] | undefined,
  path: string,
  message: string,
): CallProblem[] {
  const list = problems ?? [];
  list.push({ path, message });
  return list;
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
