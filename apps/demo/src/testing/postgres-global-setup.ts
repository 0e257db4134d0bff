// vitest global setup: one PostgreSQL server for the whole run (see postgres-test-server.ts).
import type { TestProject } from 'vitest/node';
import { startTestPostgres } from './postgres-test-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    postgresKind: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startTestPostgres();
  project.provide('postgresAdminUrl', server.adminUrl);
  project.provide('postgresKind', server.kind);
  return () => server.stop();
}
