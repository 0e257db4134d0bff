#!/usr/bin/env node
// The `cdr` command. Node runs this TypeScript file directly (type stripping); the published
// build is the same file bundled.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { runCli } from './cli/program.ts';

// Credentials may live in a .env file where the command runs (see .env.example); variables
// already set win, as with every .env loader.
if (existsSync('.env')) {
  try {
    process.loadEnvFile('.env');
  } catch (error) {
    process.stderr.write(`error: cannot read .env: ${(error as Error).message}\n`);
    process.exit(1);
  }
}

const stop = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort(signal));

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  home: homedir(),
  now: () => new Date(),
  signal: stop.signal,
});
