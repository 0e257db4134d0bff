// Parsers for the command-line flags. Each throws commander's InvalidArgumentError, which
// commander reports as "option '--from <when>' argument 'x' is invalid. <why>", exit 1.
import { isIP } from 'node:net';
import { parseZonedDateTime } from '@cdr/core/time';
import { InvalidArgumentError, Option } from 'commander';

const units: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const durationPattern = /^(\d+)([smhd])$/;

/** `90s`, `30m`, `2h`, `7d` → milliseconds. */
export function parseDuration(value: string): number {
  const match = durationPattern.exec(value.trim());
  if (!match) throw new InvalidArgumentError('Use a number and a unit: 90s, 30m, 2h or 7d.');
  return Number(match[1]) * units[match[2]!]!;
}

/** A duration that must be longer than zero (a slice of 0 s would never end). */
export function parsePositiveDuration(value: string): number {
  const ms = parseDuration(value);
  if (ms === 0) throw new InvalidArgumentError('Use a duration longer than zero.');
  return ms;
}

/**
 * A wall-clock time in India as an instant. India keeps UTC+05:30 all year (no daylight
 * saving since 1945), so this needs no time-zone data, and the command line loads none.
 * A date that does not exist (2026-02-30, 25:00) is `undefined`.
 */
function indianWallTime([year, month, day, hour, minute, second]: number[]): Date | undefined {
  const utc = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!);
  const check = new Date(utc);
  const exists =
    check.getUTCFullYear() === year &&
    check.getUTCMonth() === month! - 1 &&
    check.getUTCDate() === day &&
    check.getUTCHours() === hour &&
    check.getUTCMinutes() === minute &&
    check.getUTCSeconds() === second;
  return exists ? new Date(utc - 330 * 60_000) : undefined;
}

/** A wall-clock time in `timeZone` as an instant; `undefined` for a time that does not exist. */
function wallTime(parts: number[], timeZone: string): Date | undefined {
  if (timeZone === 'Asia/Kolkata') return indianWallTime(parts);
  const [year, month, day, hour, minute, second] = parts.map((part) => String(part));
  const text = `${year!.padStart(4, '0')}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')} ${hour!.padStart(2, '0')}:${minute!.padStart(2, '0')}:${second!.padStart(2, '0')}`;
  return parseZonedDateTime(text, timeZone);
}

/**
 * An instant: `2026-11-20` (the start of that day in `timeZone`: the one `--tz` chose, India's
 * by default), `2026-11-20 14:30` or `2026-11-20T14:30:00` (a wall time there), an ISO
 * instant with `Z` or an offset, `now`, or a duration ago (`2h`, `7d`).
 */
export function parseInstant(value: string, now: Date, timeZone = 'Asia/Kolkata'): Date {
  const text = value.trim();
  if (text === 'now') return now;
  if (durationPattern.test(text)) return new Date(now.getTime() - parseDuration(text));
  if (/(?:Z|[+-]\d{2}:?\d{2})$/i.test(text) && /^\d{4}-\d{2}-\d{2}T/.test(text)) {
    const instant = new Date(text);
    if (!Number.isNaN(instant.getTime())) return instant;
  }
  const local = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (local) {
    const instant = wallTime(
      local.slice(1).map((part) => Number(part ?? 0)),
      timeZone,
    );
    if (instant) return instant;
  }
  throw new InvalidArgumentError(
    `Use a date (2026-11-20), a date and time in ${timeZone === 'Asia/Kolkata' ? 'India' : timeZone} (2026-11-20 14:30), an ISO instant (2026-11-20T09:00:00Z), now, or a time ago (2h, 7d).`,
  );
}

export function parsePositiveInteger(value: string): number {
  // Beyond 2^53 - 1 a number is no longer exact (99999999999999999999 reads as 1e20).
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1 || !Number.isSafeInteger(Number(value)))
    throw new InvalidArgumentError(`Use a whole number from 1 to ${Number.MAX_SAFE_INTEGER}.`);
  return Number(value);
}

/** A TCP port to listen on: 0 (any free port) to 65535. */
export function parsePort(value: string): number {
  const text = value.trim();
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535)
    throw new InvalidArgumentError('Use a port from 0 to 65535 (0 picks a free one).');
  return Number(text);
}

// An RFC 1123 host name label: letters, digits and inner hyphens, 63 at most.
const hostLabel = /^(?!-)[a-z\d-]{1,63}(?<!-)$/i;

/** An address to listen on: an IPv4 or IPv6 address (brackets allowed) or a host name. */
export function parseHost(value: string): string {
  const text = value.trim();
  const address = /^\[.*\]$/.test(text) ? text.slice(1, -1) : text;
  if (isIP(address)) return address;
  // Digits and dots only is an IPv4 address or nothing: 256.1.1.1 is not a host name.
  const isHostName =
    address.length <= 253 &&
    !/^[\d.]+$/.test(address) &&
    address.split('.').every((label) => hostLabel.test(label));
  if (!isHostName)
    throw new InvalidArgumentError(
      'Use an IP address (127.0.0.1, 0.0.0.0, ::1) or a host name (localhost).',
    );
  return address;
}

/**
 * A URL path to serve, such as `/pushes/callback`. Requests are matched on their path as a
 * URL spells it, so a path without its leading `/`, with a query, a fragment, spaces or
 * `..` could never match: it is refused rather than answering 404 to every push.
 */
export function parseUrlPath(value: string): string {
  const url = URL.parse(value, 'http://receiver');
  if (!value.startsWith('/') || url?.pathname !== value || url.host !== 'receiver')
    throw new InvalidArgumentError(
      'Use a path as it appears in a URL, starting with / (such as /pushes/callback).',
    );
  return value;
}

/**
 * `--public-url`: where the providers reach the receiver, an http(s) URL with no query,
 * fragment or credentials (Twilio signs it; a path is the proxy's prefix). Trailing `/` dropped.
 */
export function parsePublicUrl(value: string): string {
  const url = URL.parse(value.trim());
  if (
    !url ||
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    url.search !== '' ||
    url.hash !== '' ||
    url.username !== '' ||
    url.password !== ''
  )
    throw new InvalidArgumentError(
      'Use the http(s) URL providers call the receiver at, with no query (such as https://cdr.example.com).',
    );
  return url.href.replace(/\/$/, '');
}

/** For repeatable flags: `--provider a --provider b` and `--provider a,b`. */
export function collect(value: string, previous: string[] = []): string[] {
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  if (items.length === 0) throw new InvalidArgumentError('Give at least one value.');
  return [...previous, ...items];
}

export function oneOf<T extends string>(choices: readonly T[]) {
  return (value: string): T => {
    if (!(choices as readonly string[]).includes(value))
      throw new InvalidArgumentError(`Use one of: ${choices.join(', ')}.`);
    return value as T;
  };
}

/** Where a side server listens: `[host:]port`, the host 127.0.0.1 when only a port is given. */
export interface ListenAddress {
  host: string;
  port: number;
}

/**
 * `9464`, `127.0.0.1:9464`, `[::1]:9464` or `0.0.0.0:9464`: a port alone binds loopback, so
 * only a host named on purpose opens the endpoints to the network.
 */
export function parseListenAddress(value: string): ListenAddress {
  const text = value.trim();
  const split = /^(?:(\[[^\]]+\]|[^:]+):)?([^:]+)$/.exec(text);
  if (!split)
    throw new InvalidArgumentError(
      'Use a port (9464) or a host and port (127.0.0.1:9464, [::1]:9464, 0.0.0.0:9464).',
    );
  const [, host, port] = split;
  return { host: host === undefined ? '127.0.0.1' : parseHost(host), port: parsePort(port!) };
}

/**
 * A flag that was renamed, kept only to refuse it with the new name: one line, exit 1
 * (`option '--concurrency <value>' argument '8' is invalid. --concurrency is now --parallel.`).
 */
export function renamedOption(old: string, now: string): Option {
  return new Option(`${old} <value>`).hideHelp().argParser(() => {
    throw new InvalidArgumentError(`${old} is now ${now}.`);
  });
}

/**
 * A flag that was removed, kept only to refuse it with why and what to do instead: one line,
 * exit 1.
 */
export function removedOption(old: string, why: string): Option {
  return new Option(`${old} <value>`).hideHelp().argParser(() => {
    throw new InvalidArgumentError(`${old} is gone: ${why}.`);
  });
}
