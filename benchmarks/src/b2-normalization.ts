// B2: provider records → validated, mapped Calls with E.164 numbers, per record, on one
// core; against JSON.parse of the same bytes alone.
import { createPhoneNormalizer, parseResponse } from '@cdr/core/provider-utils';
import { mapOzonetelCall, ozonetelResponseSchema } from '@cdr/ozonetel/api';
import { OzonetelSimulator } from '@cdr/ozonetel/testing';
import { endpointsFor, mapTelecmiCall, telecmiPageSchema } from '@cdr/telecmi/api';
import { createTelecmiDataSet } from '@cdr/telecmi/testing';
import {
  type BenchmarkConfig,
  type BenchmarkRow,
  check,
  format,
  sideBySide,
  timed,
} from './harness.ts';

const target = 300_000;

interface Workload {
  name: string;
  pages: string[];
  records: number;
  /** Parses, validates and maps one response body; returns the number of Calls. */
  normalize: (text: string, normalizer: ReturnType<typeof createPhoneNormalizer>) => number;
}

function telecmiWorkload(calls: number): Workload {
  const dataSet = createTelecmiDataSet({ calls, seed: 2, days: 7 });
  const pages: string[] = [];
  // Each call's records as the default endpoint of its account and group serves them.
  const endpoints = new Map(
    (['rest-user', 'rest-app', 'piopiy-app'] as const)
      .flatMap((kind) => endpointsFor(kind))
      .map((endpoint) => [endpoint.id, endpoint]),
  );
  const byEndpoint = Map.groupBy(
    dataSet.calls,
    (call) =>
      endpointsFor(call.account).find(
        (endpoint) => endpoint.direction === call.direction && endpoint.status === call.status,
      )!.id,
  );
  const pageEndpoints: string[] = [];
  for (const [endpoint, list] of byEndpoint) {
    for (let index = 0; index < list.length; index += 10) {
      const records = list.slice(index, index + 10).map((call) => call.record);
      pages.push(JSON.stringify({ count: list.length, cdr: records, code: 200 }));
      pageEndpoints.push(endpoint);
    }
  }
  let page = 0;
  return {
    name: 'TeleCMI',
    pages,
    records: dataSet.calls.length,
    normalize(text, normalizer) {
      const endpoint = endpoints.get(pageEndpoints[page++ % pageEndpoints.length]!)!;
      const parsed = parseResponse(telecmiPageSchema, JSON.parse(text), {
        provider: 'telecmi',
        endpoint: endpoint.path,
      });
      return parsed.cdr.map((record) => mapTelecmiCall(record, endpoint, normalizer)).length;
    },
  };
}

async function ozonetelWorkload(calls: number): Promise<Workload> {
  const simulator = await OzonetelSimulator.start({ calls, seed: 2 });
  const pages = simulator
    .calls()
    .map((call) => JSON.stringify({ status: 'success', message: [call.record] }));
  await simulator.stop();
  return {
    name: 'Ozonetel',
    pages,
    records: pages.length,
    normalize(text, normalizer) {
      const parsed = parseResponse(ozonetelResponseSchema, JSON.parse(text), {
        provider: 'ozonetel',
        endpoint: 'cdr',
      });
      check(Array.isArray(parsed.message), 'an Ozonetel record');
      let count = 0;
      for (const record of parsed.message) {
        check(typeof mapOzonetelCall(record, normalizer) !== 'string', 'a mappable record');
        count++;
      }
      return count;
    },
  };
}

export async function runB2(config: BenchmarkConfig): Promise<BenchmarkRow[]> {
  const runs = config.quick ? 1 : 7;
  const workloads = [
    telecmiWorkload(config.quick ? 2000 : 20_000),
    await ozonetelWorkload(config.quick ? 500 : 5000),
  ];
  const rows: BenchmarkRow[] = [];
  for (const workload of workloads) {
    const normalizeAll = async () => {
      const normalizer = createPhoneNormalizer({ defaultRegion: 'IN' });
      let count = 0;
      const ms = await timed(() => {
        for (const text of workload.pages) count += workload.normalize(text, normalizer);
      });
      check(count === workload.records, `normalized ${count} of ${workload.records}`);
      return (count / ms) * 1000;
    };
    const parseAll = async () => {
      let parsed = 0;
      const ms = await timed(() => {
        // Counting the results keeps the engine from dropping the parse as dead code.
        for (const text of workload.pages) if (JSON.parse(text) !== null) parsed++;
      });
      check(parsed === workload.pages.length, 'parsed every page');
      return (workload.records / ms) * 1000;
    };
    await normalizeAll(); // Warm the JIT before measuring.
    await parseAll();
    const result = await sideBySide(runs, { normalize: normalizeAll, parse: parseAll });
    rows.push({
      id: 'B2',
      what: `${workload.name}: validate + map + E.164, ${workload.records.toLocaleString('en-US')} records`,
      figure: format.rate(result.normalize, 'records'),
      baseline: `${format.rate(result.parse, 'records')} (JSON.parse)`,
      ratio: format.ratio(result.normalize / result.parse),
      target: `>= ${target.toLocaleString('en-US')} records/s`,
      met: result.normalize >= target,
    });
    config.log(
      `B2 ${workload.name}: ${format.rate(result.normalize, 'records')} (JSON.parse ${format.rate(result.parse, 'records')})`,
    );
  }
  return rows;
}
