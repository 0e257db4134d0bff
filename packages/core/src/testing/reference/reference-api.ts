// A minimal call-log API on 127.0.0.1 — two endpoints paged by number with a total, and a
// lookup by id — and the conformance session around it: the kit's own test subject, and
// the smallest example of a simulator on `ApiSimulator`. Not part of the build.
import type { CallProvider } from '../../call-provider.js';
import type { TransportEventListener } from '../../transport/transport-event.js';
import { ApiSimulator, type SimulatorAnswer, type SimulatorRequest } from '../api-simulator.js';
import type { ConformanceSession } from '../conformance/conformance-types.js';

export interface ReferenceRecord {
  id: string;
  start: number;
  direction: 'inbound' | 'outbound';
  status: 'answered' | 'missed';
  /** The other party's contact name. */
  name: string;
  note: string;
  recording: string;
}

export interface ReferenceConnection {
  baseUrl: string;
  token: string;
}

export const validToken = 'reference-valid-token';
// Awkward on purpose: a redaction that misses the JSON-escaped form is caught.
export const invalidToken = 'reference"invalid\\token';
export const referencePageSize = 10;
const windowStart = Date.UTC(2026, 0, 1);
// Enough pages that leaving a listing early is told apart from reading it whole.
const callCount = 200;

/** The reference API: 200 calls, one a minute, of both directions and both statuses. */
export class ReferenceApi extends ApiSimulator {
  readonly records: ReferenceRecord[] = Array.from({ length: callCount }, (_, index) => ({
    id: `call-${index}`,
    start: windowStart + index * 60_000,
    direction: index % 3 === 0 ? 'inbound' : 'outbound',
    status: index % 4 === 0 ? 'missed' : 'answered',
    name: `Customer ${index}`,
    note: '',
    recording: `https://recordings.example.invalid/call-${index}.mp3`,
  }));

  static async start(): Promise<ReferenceApi> {
    const api = new ReferenceApi({});
    await api.listen();
    return api;
  }

  protected rateLimitedAnswer(): SimulatorAnswer {
    return { status: 429, headers: { 'retry-after': '0' } };
  }

  protected override truth(): unknown {
    return this.records.map((record) => record.id);
  }

  #served(record: ReferenceRecord): ReferenceRecord {
    const echo = this.echo;
    const served = echo
      ? {
          ...record,
          name: `${record.name} ${echo}`,
          note: echo,
          recording: `${record.recording}?echo=${encodeURIComponent(echo)}`,
        }
      : record;
    const corruption = this.corruptionOf(record.id);
    return corruption ? ({ ...served, ...corruption } as ReferenceRecord) : served;
  }

  protected route(request: SimulatorRequest): SimulatorAnswer {
    const lookup = /^\/calls\/([^/]+)$/.exec(request.url.pathname);
    if (request.method === 'GET' && lookup) {
      const token = request.url.searchParams.get('token');
      if (token !== validToken) return { status: 401, body: { error: `bad token ${token}` } };
      const record = this.records.find((candidate) => candidate.id === lookup[1]);
      return record
        ? { status: 200, body: { call: this.#served(record) } }
        : { status: 404, body: { error: 'no such call' } };
    }
    const listing = /^\/calls\/(answered|missed)$/.exec(request.url.pathname);
    if (request.method !== 'POST' || !listing) return { status: 404, body: { error: 'no route' } };
    const query = request.json() as { token: string; page: number; from: number; to: number };
    if (query.token !== validToken)
      return { status: 401, body: { error: `bad token ${query.token}` } };
    const matching = this.records.filter(
      (record) =>
        record.status === listing[1] && record.start >= query.from && record.start <= query.to,
    );
    const start = (query.page - 1) * referencePageSize;
    return {
      status: 200,
      body: {
        total: matching.length,
        items: matching
          .slice(start, start + referencePageSize)
          .map((record) => this.#served(record)),
      },
    };
  }
}

/** Starts the reference API and returns a conformance session whose providers `createProvider` builds. */
export async function startReferenceSession(
  createProvider: (
    connection: ReferenceConnection,
    onEvent: TransportEventListener | undefined,
  ) => CallProvider,
): Promise<ConformanceSession> {
  const api = await ReferenceApi.start();
  return {
    createProvider: (options) =>
      createProvider(
        {
          baseUrl: api.url,
          token: options?.credentials === 'invalid' ? invalidToken : validToken,
        },
        options?.onEvent,
      ),
    corruptRecord: () => {
      // A start that is no time: the Call it maps to cannot be placed.
      api.corruptRecord('call-17', { start: 'not a time' });
      return 'call-17';
    },
    secrets: [validToken, invalidToken],
    validSecrets: [validToken],
    requestCount: () => api.requestCount,
    injectFault: (kind, count) => api.injectFault(kind, count),
    producedFaults: () => api.faults.produced,
    echoInRecords: (text) => api.echoInRecords(text),
    stop: () => api.stop(),
    window: {
      from: new Date(windowStart),
      to: new Date(windowStart + (callCount - 1) * 60_000),
    },
    expectedCallIds: ({ from, to }, filter = {}) =>
      api.records
        .filter(
          (record) =>
            record.start >= from.getTime() &&
            record.start <= to.getTime() &&
            (filter.direction === undefined || record.direction === filter.direction) &&
            (filter.status === undefined || record.status === filter.status),
        )
        .map((record) => record.id),
    knownCallIds: ['call-3', 'call-40'],
    unknownCallId: 'call-999',
  };
}
