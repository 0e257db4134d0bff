import { describe, expect, test } from 'vitest';
import type { Call } from './call.js';
import {
  CALL_PROVIDER_SPECIFICATION_VERSION,
  type CallProvider,
  type ListCallsQuery,
} from './call-provider.js';
import { createCdrClient } from './cdr-client.js';
import { InvalidRequestError, UnsupportedError } from './errors/index.js';
import { assertListQuerySupported } from './validate-query.js';

function fakeProvider(
  name: string,
  ids: string[],
  options: { canList?: boolean } = {},
): CallProvider & { queries: ListCallsQuery[] } {
  const queries: ListCallsQuery[] = [];
  const provider: CallProvider & { queries: ListCallsQuery[] } = {
    specificationVersion: CALL_PROVIDER_SPECIFICATION_VERSION,
    provider: name.split(':')[0]!,
    name,
    queries,
    capabilities: {
      listCalls:
        options.canList === false
          ? (false as const)
          : { directions: ['outbound'] as const, statuses: ['answered', 'missed'] as const },
      getCall: true,
    },
    async *listCalls(query: ListCallsQuery): AsyncGenerator<Call> {
      assertListQuerySupported(provider, query);
      queries.push(query);
      for (const id of ids) {
        yield {
          id,
          provider: provider.provider,
          direction: 'outbound',
          status: 'answered',
          startedAt: query.from,
          durations: {},
          notes: [],
          raw: {},
        };
      }
    },
    async getCall(id: string) {
      return ids.includes(id) ? ({ id } as Call) : null;
    },
  };
  return provider;
}

const window = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-01-02T00:00:00Z') };

async function ids(calls: AsyncIterable<Call>) {
  const result: string[] = [];
  for await (const call of calls) result.push(`${call.provider}/${call.id}`);
  return result;
}

describe('createCdrClient', () => {
  test('lists provider by provider, in the order given, skipping providers that cannot list', async () => {
    const client = createCdrClient({
      providers: [
        fakeProvider('b', ['1', '2']),
        fakeProvider('lookup', ['9'], { canList: false }),
        fakeProvider('a', ['3']),
      ],
    });
    expect(await ids(client.listCalls(window))).toEqual(['b/1', 'b/2', 'a/3']);
  });

  test('lists only the named providers', async () => {
    const client = createCdrClient({
      providers: [fakeProvider('a', ['1']), fakeProvider('b', ['2'])],
    });
    expect(await ids(client.listCalls({ ...window, providers: ['b'] }))).toEqual(['b/2']);
  });

  test('checks every provider before the first request', () => {
    const first = fakeProvider('a', ['1']);
    const client = createCdrClient({ providers: [first, fakeProvider('b', ['2'])] });
    expect(() => client.listCalls({ ...window, direction: 'inbound' })).toThrow(UnsupportedError);
    expect(() => client.listCalls({ from: window.to, to: window.from })).toThrow(
      InvalidRequestError,
    );
    expect(() => client.listCalls({ ...window, providers: ['nope'] })).toThrow(
      /no provider named "nope"/,
    );
    expect(first.queries).toHaveLength(0);
  });

  test('gets one call from a named provider', async () => {
    const client = createCdrClient({ providers: [fakeProvider('a', ['1'])] });
    expect(await client.getCall('a', '1')).toEqual({ id: '1' });
    expect(await client.getCall('a', '2')).toBeNull();
  });

  test('asks every provider for its first calls at once, and still yields provider by provider', async () => {
    const started: string[] = [];
    const slow = (name: string, ids: string[]): CallProvider => {
      const base = fakeProvider(name, ids);
      return {
        ...base,
        async *listCalls(query) {
          started.push(name);
          await new Promise((resolve) => setTimeout(resolve, 20));
          yield* base.listCalls(query);
        },
      };
    };
    const client = createCdrClient({ providers: [slow('a', ['1']), slow('b', ['2'])] });
    const iterator = client.listCalls(window)[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.value?.id).toBe('1');
    // b started before a's first call was read: the two waited together, not in turn.
    expect(started).toEqual(['a', 'b']);
    expect((await iterator.next()).value?.id).toBe('2');
  });

  test('checks its options and queries strictly, naming what is wrong', () => {
    expect(() => createCdrClient({ providers: [{ name: 'x' } as never] })).toThrow(
      /`providers\[0\]`: expected a CallProvider/,
    );
    expect(() => createCdrClient({ provider: [] } as never)).toThrow(InvalidRequestError);
    const old = { ...fakeProvider('a', []), specificationVersion: 'v0' };
    expect(() => createCdrClient({ providers: [old as never] })).toThrow(/specification v1/);
    const client = createCdrClient({ providers: [fakeProvider('a', ['1'])] });
    expect(() => client.listCalls({ ...window, stauts: 'missed' } as never)).toThrow(
      /Unrecognized key: "stauts"/,
    );
    expect(() => client.listCalls({ ...window, direction: 'sideways' } as never)).toThrow(
      InvalidRequestError,
    );
  });

  test('refuses two providers with one name', () => {
    expect(() =>
      createCdrClient({ providers: [fakeProvider('a', []), fakeProvider('a', [])] }),
    ).toThrow(InvalidRequestError);
  });
});
