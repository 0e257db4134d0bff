// The store contract's tests, run against every store (SQLite, PostgreSQL) the way the core
// conformance kit runs against every provider: the same behaviour, whatever the database.
// One file per behaviour under call-store-contract/, as keyv's test suite is split.
import { afterEach, describe } from 'vitest';
import type { CallStore } from '../store/call-store.ts';
import { accountStateContract } from './call-store-contract/account-state.ts';
import { databaseKindContract } from './call-store-contract/database-kind.ts';
import { quarantineContract } from './call-store-contract/quarantine.ts';
import { queriesContract } from './call-store-contract/queries.ts';
import { reportContract } from './call-store-contract/report.ts';
import { writesContract } from './call-store-contract/writes.ts';
import {
  type ReportFiguresContractOptions,
  reportFiguresContract,
} from './report-figures-contract.ts';

/** Opens a fresh, empty store for one test, on `now` when given; the contract closes it. */
export type OpenTestStore = (options?: { now?: () => number }) => Promise<CallStore>;

export function describeCallStore(
  name: string,
  open: OpenTestStore,
  options: ReportFiguresContractOptions = {},
): void {
  describe(`CallStore contract: ${name}`, () => {
    let store: CallStore | undefined;
    const fresh = async (options?: { now?: () => number }) => {
      store = await open(options);
      return store;
    };
    const keep = (kept: CallStore) => {
      store = kept;
    };
    afterEach(async () => {
      await store?.close();
      store = undefined;
    });
    writesContract({ fresh, keep, another: () => open() });
    databaseKindContract({ fresh, keep, another: () => open() });
    quarantineContract({ fresh, keep, another: () => open() });
    accountStateContract({ fresh, keep, another: () => open() });
    queriesContract({ fresh, keep, another: () => open() });
    reportContract({ fresh, keep, another: () => open() });
    reportFiguresContract(fresh, options);
  });
}
