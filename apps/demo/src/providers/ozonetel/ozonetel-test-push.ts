import type { OzonetelSimulator } from '@cdr/ozonetel/testing';
import { shellQuote } from '../../cli/shell-quote.ts';

// The fields the mapping reads, to keep the printed line short.
const fields = [
  'monitorUCID',
  'Type',
  'Status',
  'DialStatus',
  'CallerID',
  'StartTime',
  'EndTime',
  'TimeToAnswer',
  'CallDuration',
  'Duration',
  'AgentID',
  'AgentName',
  'Apikey',
];

/**
 * A ready `curl` command that pushes one of the simulated account's calls as Ozonetel
 * would: a form with the CDR as JSON in `data`, carrying the (simulated) key.
 */
export function ozonetelTestPush(simulator: OzonetelSimulator, url: string): string | undefined {
  // A call Ozonetel still keeps: older ones are not pushed, and the receiver refuses them.
  const call = simulator.calls().find((candidate) => simulator.storeOf(candidate) !== 'none');
  if (!call) return undefined;
  const record = Object.fromEntries(
    fields.filter((field) => field in call.record).map((field) => [field, call.record[field]]),
  );
  return `curl --data-urlencode ${shellQuote(`data=${JSON.stringify(record)}`)} ${url}`;
}
