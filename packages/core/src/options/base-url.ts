import { z } from 'zod';

const loopbackHosts = new Set(['localhost', '[::1]', '::1']);

/** Whether a URL's host is this machine: where plain http is allowed (simulators, local proxies). */
export function isLoopbackHost(hostname: string): boolean {
  return loopbackHosts.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * A URL as it may appear in an error or a log: scheme, host and path, never the userinfo,
 * query string or fragment, which may hold credentials (`https://user:key@host/?token=…`).
 * Text that is not a URL is described, not echoed.
 */
export function describeUrl(text: string): string {
  if (!URL.canParse(text)) return `(not a URL, ${text.length} characters)`;
  const url = new URL(text);
  // Schemes without an authority (`mailto:`, `data:`) keep everything in the path.
  if (url.host === '') return `${url.protocol}…`;
  return `${url.protocol}//${url.host}${url.pathname}`;
}

/**
 * A provider's base URL: https, or http to a loopback address; no userinfo, query string
 * or fragment (credentials go in their own settings, never in a URL where they would be
 * logged). The messages show the URL through `describeUrl`.
 */
export const baseUrlSchema = z.string().superRefine((text, context) => {
  const problem = baseUrlProblem(text);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});

/** Why a text is not an acceptable base URL, or `undefined` when it is. */
export function baseUrlProblem(text: string): string | undefined {
  if (!URL.canParse(text)) return `expected an http(s) URL, got ${describeUrl(text)}`;
  const url = new URL(text);
  const shown = describeUrl(text);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname)))
    return `expected https (plain http only to a loopback address), got ${shown}`;
  if (url.username || url.password)
    return `a base URL cannot carry credentials (user:password@); give them in their own setting: ${shown}`;
  if (url.search) return `a base URL cannot carry a query string: ${shown}`;
  if (url.hash) return `a base URL cannot carry a fragment: ${shown}`;
  return undefined;
}
