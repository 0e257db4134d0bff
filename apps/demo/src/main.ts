#!/usr/bin/env node
// The cdr-demo command. Node runs this TypeScript file directly (type stripping).
import { existsSync } from 'node:fs';
import { runCli } from './cli.ts';

// Credentials may live in a .env file beside the command (see .env.example).
if (existsSync('.env')) process.loadEnvFile('.env');

const stop = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  now: () => new Date(),
  signal: stop.signal,
});
