#!/usr/bin/env node
// The `cdr` command. Node runs this TypeScript file directly (type stripping); the published
// build is the same file bundled.
import { existsSync } from 'node:fs';
import nodeModule from 'node:module';
import { homedir } from 'node:os';
import { ClockSettingError, clockOf } from './support/clock.ts';

// Node keeps the code it compiles for the modules loaded from here on (zod's alone is
// 400 KB) in its cache folder and reads it back on the next run, as tsc and npm do: a
// command starts without parsing them again (NODE_DISABLE_COMPILE_CACHE=1 turns it off).
// Called through the module's default export: Node.js 20, refused just below, lacks it.
nodeModule.enableCompileCache?.();

// Before anything that needs a newer Node.js (node:sqlite, undici): core refuses an old one
// with a message that says which is needed, and that message is the whole answer. Its
// `/time` entry checks as every entry does, and loads no zod: `--help` starts without it.
try {
  await import('@cdr/core/time');
} catch (error) {
  process.stderr.write(`error: ${(error as Error).message}\n`);
  process.exit(1);
}
const { runCli } = await import('./cli/program.ts');
// After the check too: it reads zones through core.
const { machineTimeZone } = await import('./support/time-zone.ts');

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

let now: () => Date;
try {
  now = clockOf(process.env);
} catch (error) {
  if (!(error instanceof ClockSettingError)) throw error;
  process.stderr.write(`error: ${error.message}\n`);
  process.exit(1);
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
  now,
  machineTimeZone,
  signal: stop.signal,
});
