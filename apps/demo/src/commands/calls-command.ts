import type { Call } from '@cdr/core';
import { formatZonedDateTime } from '@cdr/core/time';
import { csvHeader, csvRow, forTerminal } from '../export/export-calls.ts';
import type { CliIo } from '../support/cli-io.ts';
import { line, shownZone } from '../support/cli-io.ts';
import { exitCodes } from '../support/exit-codes.ts';
import { outputFormat, printJson, unknownValue } from '../support/output.ts';
import { formatSeconds, formatTable } from '../support/table.ts';
import { zoneLabel } from '../support/time-zone.ts';
import type { CallsOptions } from './calls-flags.ts';
import { checkSources } from './check-sources.ts';
import { withStore } from './command-context.ts';
import { filterFromOptions } from './filter-options.ts';

const party = (value: Call['from']) => value?.phoneNumber ?? value?.raw ?? unknownValue;

/** A cost as people read it: the amount with its currency, or the amount and "currency unknown". */
export function formatCost(cost: Call['cost']): string {
  if (!cost) return unknownValue;
  return cost.currency
    ? `${cost.amount.toFixed(2)} ${cost.currency}`
    : `${cost.amount.toFixed(2)} (currency unknown)`;
}

/** `cdr calls`: the newest matching calls, and how many match in all. */
export async function runCalls(io: CliIo, options: CallsOptions): Promise<number> {
  const filter = filterFromOptions(options, io.now());
  const { limit, offset } = options;
  const format = outputFormat(options);
  return withStore(io, options, { mustExist: true }, async (store) => {
    await checkSources(store, filter.sources);
    const [total, calls] = await Promise.all([
      store.countCalls(filter),
      store.listCalls(filter, { limit, offset }),
    ]);
    if (format === 'json') {
      printJson(io, { total, offset, calls });
      return exitCodes.ok;
    }
    if (format === 'csv') {
      // RFC 4180 line ends, as `export --format csv` writes them.
      const text = `${[csvHeader, ...calls.map(csvRow)].join('\r\n')}\r\n`;
      io.stdout.write(io.stdout.isTTY === true ? forTerminal(text) : text);
      return exitCodes.ok;
    }
    if (calls.length > 0) {
      line(
        io.stdout,
        formatTable(
          [
            `started (${zoneLabel(shownZone(io))})`,
            'provider',
            'direction',
            'status',
            'from',
            'to',
            'agent',
            'talk',
            'cost',
            'id',
          ],
          calls.map((call) => [
            formatZonedDateTime(call.startedAt, shownZone(io)),
            call.provider,
            call.direction,
            call.status,
            party(call.from),
            party(call.to),
            call.agent?.name ?? call.agent?.id ?? unknownValue,
            call.durations.talkSeconds === undefined
              ? unknownValue
              : formatSeconds(call.durations.talkSeconds),
            formatCost(call.cost),
            call.id,
          ]),
        ),
      );
    }
    if (!options.quiet)
      line(io.stderr, `${calls.length} of ${total.toLocaleString('en-US')} matching calls`);
    return exitCodes.ok;
  });
}
