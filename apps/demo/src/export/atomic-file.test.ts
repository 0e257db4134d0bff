import { mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { expect, test } from 'vitest';
import { FileError } from '../support/file-error.ts';
import { writeFileAtomically } from './atomic-file.ts';

const folder = () => mkdtempSync(join(tmpdir(), 'cdr-atomic-'));
const writeText = (text: string) => async (stream: Writable) => {
  await new Promise<void>((resolve, reject) =>
    stream.write(text, (error) => (error ? reject(error) : resolve())),
  );
};

test('the file appears whole, and a failure leaves the old file and no temporary behind', async () => {
  const dir = folder();
  const path = join(dir, 'calls.csv');
  writeFileSync(path, 'before\n');
  await expect(
    writeFileAtomically(path, async (stream) => {
      await writeText('half of it\n')(stream);
      throw new Error('the database went away');
    }),
  ).rejects.toThrow('the database went away');
  expect(readFileSync(path, 'utf8')).toBe('before\n');
  expect(readdirSync(dir)).toEqual(['calls.csv']);

  await writeFileAtomically(path, writeText('after\n'));
  expect(readFileSync(path, 'utf8')).toBe('after\n');
  expect(readdirSync(dir)).toEqual(['calls.csv']);
});

test('a symbolic link is written through, not replaced', async () => {
  const dir = folder();
  const real = join(dir, 'real.csv');
  writeFileSync(real, 'old\n');
  symlinkSync(real, join(dir, 'link.csv'));
  await writeFileAtomically(join(dir, 'link.csv'), writeText('new\n'));
  expect(readFileSync(real, 'utf8')).toBe('new\n');
  expect(readdirSync(dir).sort()).toEqual(['link.csv', 'real.csv']);
});

test('a device is written to, never renamed over: /dev/null takes it, /dev/full is a full disk', async () => {
  await writeFileAtomically('/dev/null', writeText('nothing\n'));
  const failure = await writeFileAtomically('/dev/full', writeText('x'.repeat(70_000))).catch(
    (error: unknown) => error,
  );
  expect(failure).toBeInstanceOf(FileError);
  expect((failure as FileError).message).toBe('disk full writing /dev/full');
  // Still the device (a rename would have left a regular file in its place).
  expect(readdirSync('/dev')).toContain('full');
  expect(() => writeFileSync('/dev/full', 'x')).toThrow(/ENOSPC/);
});
