// B6: what the core transport costs per request on loopback, against undici.request alone
// on the same keep-alive server.
import { HttpClient } from '@cdr/core/provider-utils';
import { startTestServer } from '@cdr/core/testing';
import { Agent, request } from 'undici';
import {
  type BenchmarkConfig,
  type BenchmarkRow,
  check,
  format,
  sideBySide,
  timed,
} from './harness.ts';

export async function runB6(config: BenchmarkConfig): Promise<BenchmarkRow[]> {
  const requests = config.quick ? 300 : 5000;
  const runs = config.quick ? 1 : 7;
  const body = {
    code: 200,
    count: 1,
    cdr: [{ _id: '5f0c', to: 919876543210, time: 1_700_000_000_000, billedsec: 0 }],
  };
  const text = JSON.stringify(body);
  const server = await startTestServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(text);
  });
  const client = new HttpClient({ provider: 'bench', baseUrl: server.url });
  const agent = new Agent({ connections: 16 });
  const viaTransport = async () => {
    let ok = 0;
    const ms = await timed(async () => {
      for (let index = 0; index < requests; index++) {
        const json = (await client.requestJson({
          method: 'POST',
          path: '/page',
          json: { page: index },
        })) as { code: number };
        if (json.code === 200) ok++;
      }
    });
    check(ok === requests, 'every transport request answered');
    return (ms * 1000) / requests;
  };
  const viaUndici = async () => {
    let ok = 0;
    const ms = await timed(async () => {
      for (let index = 0; index < requests; index++) {
        const response = await request(`${server.url}/page`, {
          method: 'POST',
          dispatcher: agent,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ page: index }),
        });
        const json = (await response.body.json()) as { code: number };
        if (json.code === 200) ok++;
      }
    });
    check(ok === requests, 'every undici request answered');
    return (ms * 1000) / requests;
  };
  try {
    await viaTransport(); // warm up both
    await viaUndici();
    const result = await sideBySide(runs, { transport: viaTransport, undici: viaUndici });
    config.log(
      `B6: transport ${format.us(result.transport)}, undici ${format.us(result.undici)} per request`,
    );
    return [
      {
        id: 'B6',
        what: `per-request cost of the core transport on loopback, ${requests} sequential requests`,
        figure: `${format.us(result.transport)} per request`,
        baseline: `${format.us(result.undici)} (undici.request)`,
        ratio: format.ratio(result.transport / result.undici),
        target: '<= 1.20x',
        met: result.transport / result.undici <= 1.2,
      },
    ];
  } finally {
    await client.close();
    await agent.close();
    await server.close();
  }
}
