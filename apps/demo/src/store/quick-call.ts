// Reading the Calls the store wrote, without zod for the rows it wrote itself: `cdr calls`
// starts without loading zod (a third of its start, BENCHMARKS.md B12). The reader is
// conservative: it accepts only the shape `Call#toJSON` gives (instants as `toISOString`
// text, no key the model lacks) and answers `undefined` for anything else, which the caller
// then hands to core's `parseCall` (the schema, with its errors). What it accepts, the
// schema accepts and gives the same Call (a test holds it to that on every provider's calls
// and on every field broken).
import type { Call, CallParty } from '@cdr/core';

type Json = Record<string, unknown>;

const directions: ReadonlySet<unknown> = new Set(['inbound', 'outbound', 'unknown']);
const statuses: ReadonlySet<unknown> = new Set(['answered', 'missed', 'busy', 'failed', 'unknown']);
const partyKinds: ReadonlySet<unknown> = new Set(['phone', 'identifier']);
let currencies: ReadonlySet<unknown> | undefined;

/** Thrown inside the reader when a value is not one it can vouch for. */
const unsure = Symbol('unsure');

function object(value: unknown, keys: readonly string[]): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw unsure;
  for (const key in value) if (!keys.includes(key)) throw unsure;
  return value as Json;
}

function string(value: unknown, nonEmpty = false): string {
  if (typeof value !== 'string' || (nonEmpty && value.length === 0)) throw unsure;
  return value;
}

const optionalString = (value: unknown) => (value === undefined ? undefined : string(value));

function seconds(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw unsure;
  return value;
}

/** An instant as `Date#toJSON` writes it, and only that form. */
function instant(value: unknown): Date {
  if (typeof value !== 'string' || value.length !== 24) throw unsure;
  const date = new Date(value);
  if (Number.isNaN(date.getTime()) || date.toISOString() !== value) throw unsure;
  return date;
}

/** Copies the keys present, in the model's order, leaving out those absent. */
function present<T extends object>(entries: readonly [string, unknown][]): T {
  const result: Json = {};
  for (const [key, value] of entries) if (value !== undefined) result[key] = value;
  return result as T;
}

function party(value: unknown): CallParty | undefined {
  if (value === undefined) return undefined;
  const json = object(value, ['kind', 'raw', 'phoneNumber', 'name']);
  if (!partyKinds.has(json.kind)) throw unsure;
  return present<CallParty>([
    ['kind', json.kind],
    ['raw', string(json.raw)],
    ['phoneNumber', optionalString(json.phoneNumber)],
    ['name', optionalString(json.name)],
  ]);
}

function currency(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  // The same list as core's `isCurrencyCode`: the codes this Node.js knows.
  currencies ??= new Set(Intl.supportedValuesOf('currency'));
  if (!currencies.has(value)) throw unsure;
  return value as string;
}

function read(value: unknown): Call {
  const json = object(value, [
    'id',
    'provider',
    'direction',
    'status',
    'from',
    'to',
    'startedAt',
    'endedAt',
    'durations',
    'cost',
    'recording',
    'agent',
    'notes',
    'country',
    'region',
    'providerFields',
    'raw',
  ]);
  if (!directions.has(json.direction) || !statuses.has(json.status)) throw unsure;
  // A Call without `raw` is one the schema reads its own way: left to it.
  if (!('raw' in json)) throw unsure;
  const durations = object(json.durations, [
    'totalSeconds',
    'billedSeconds',
    'talkSeconds',
    'ringSeconds',
  ]);
  const cost = json.cost === undefined ? undefined : object(json.cost, ['amount', 'currency']);
  if (cost && (typeof cost.amount !== 'number' || !Number.isFinite(cost.amount))) throw unsure;
  const recording =
    json.recording === undefined ? undefined : object(json.recording, ['url', 'fileName']);
  const agent = json.agent === undefined ? undefined : object(json.agent, ['id', 'name', 'phone']);
  if (!Array.isArray(json.notes)) throw unsure;
  const country = optionalString(json.country);
  if (country !== undefined && country.length !== 2) throw unsure;
  let providerFields: Record<string, string> | undefined;
  if (json.providerFields !== undefined) {
    const fields = json.providerFields;
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) throw unsure;
    providerFields = {};
    for (const [key, text] of Object.entries(fields)) {
      if (key === '__proto__') throw unsure;
      providerFields[key] = string(text);
    }
  }
  return present<Call>([
    ['id', string(json.id, true)],
    ['provider', string(json.provider, true)],
    ['direction', json.direction],
    ['status', json.status],
    ['from', party(json.from)],
    ['to', party(json.to)],
    ['startedAt', instant(json.startedAt)],
    ['endedAt', json.endedAt === undefined ? undefined : instant(json.endedAt)],
    [
      'durations',
      present([
        ['totalSeconds', seconds(durations.totalSeconds)],
        ['billedSeconds', seconds(durations.billedSeconds)],
        ['talkSeconds', seconds(durations.talkSeconds)],
        ['ringSeconds', seconds(durations.ringSeconds)],
      ]),
    ],
    [
      'cost',
      cost &&
        present([
          ['amount', cost.amount],
          ['currency', currency(cost.currency)],
        ]),
    ],
    [
      'recording',
      recording &&
        present([
          ['url', optionalString(recording.url)],
          ['fileName', optionalString(recording.fileName)],
        ]),
    ],
    [
      'agent',
      agent &&
        present([
          ['id', optionalString(agent.id)],
          ['name', optionalString(agent.name)],
          ['phone', party(agent.phone)],
        ]),
    ],
    [
      'notes',
      // Every index, holes included (`map` would skip one, which the schema refuses).
      Array.from(json.notes as unknown[], (note) => {
        const fields = object(note, ['text', 'createdAt', 'author']);
        return present([
          ['text', string(fields.text)],
          ['createdAt', fields.createdAt === undefined ? undefined : instant(fields.createdAt)],
          ['author', optionalString(fields.author)],
        ]);
      }),
    ],
    ['country', country],
    ['region', optionalString(json.region)],
    ['providerFields', providerFields],
    ['raw', json.raw],
  ]);
}

/**
 * The Call a stored `call_json` (decoded) holds, when it is in the form the store writes;
 * `undefined` when it is not, for core's `parseCall` to read or refuse.
 */
export function quickCall(value: unknown): Call | undefined {
  try {
    return read(value);
  } catch (error) {
    if (error === unsure) return undefined;
    throw error;
  }
}
