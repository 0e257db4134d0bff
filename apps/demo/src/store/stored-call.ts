import type { Call } from '@cdr/core';
import { quickCall } from './quick-call.ts';

/**
 * A call as the store hands it out: the call, and the account whose sync stored it first
 * (`null` for calls stored before accounts were recorded). Exports carry it, so a pipeline
 * downstream knows which account a call came from.
 */
export type StoredCall = Call & { readonly account: string | null };

/** Core's schema, loaded the first time a stored call is not in the form the store writes. */
let schema: Promise<(value: unknown) => Call> | undefined;

async function parseWithSchema(value: unknown): Promise<Call> {
  schema ??= import('@cdr/core').then((core) => core.parseCall);
  return (await schema)(value);
}

/**
 * A stored `call_json` (decoded) as a Call: at once when it is in the form the store writes
 * (`quickCall`), else through core's schema (a promise), which reads older forms or refuses.
 */
export function callFromJson(callJson: unknown): Call | Promise<Call> {
  return quickCall(callJson) ?? parseWithSchema(callJson);
}

/** Reads a stored row's account and `call_json` (already decoded) into a `StoredCall`. */
export async function storedCall(account: unknown, callJson: unknown): Promise<StoredCall> {
  return { account: account == null ? null : String(account), ...(await callFromJson(callJson)) };
}

/** The rows of a query as `StoredCall`s, in order. */
export async function storedCalls(
  rows: readonly Readonly<Record<string, unknown>>[],
  decode: (callJson: unknown) => unknown = (callJson) => callJson,
): Promise<StoredCall[]> {
  const calls: StoredCall[] = [];
  for (const row of rows) calls.push(await storedCall(row.account, decode(row.call_json)));
  return calls;
}
