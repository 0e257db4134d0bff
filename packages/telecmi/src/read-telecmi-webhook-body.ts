import { invalidTelecmiWebhook } from './invalid-telecmi-webhook.js';

/**
 * A webhook request as a receiver has it: the body as text or bytes, the fields a framework
 * already parsed (`express.json()`, `express.urlencoded()`), or the query string of a GET
 * delivery (`new URL(request.url, base).searchParams`).
 */
export type TelecmiWebhookBody = string | Uint8Array | URLSearchParams | Record<string, unknown>;

function fromForm(fields: URLSearchParams): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  // A field sent twice is read once, the first time, as URLSearchParams#get does.
  for (const [name, value] of fields) if (!Object.hasOwn(result, name)) result[name] = value;
  return result;
}

/**
 * Reads a webhook request into its fields. TeleCMI documents JSON bodies (every sample is
 * JSON, every example reads `request.get_json()` or `bodyParser.json()`); CHUB's pages also
 * name GET deliveries, which can only carry the fields in the query string, so a form body
 * or a query string is read as the same flat fields, each value as text. Decided by the
 * content type when one is given, else by the first character (`{` is JSON).
 */
export function readTelecmiWebhookBody(
  body: TelecmiWebhookBody,
  contentType = '',
): Record<string, unknown> {
  if (body instanceof URLSearchParams) return fromForm(body);
  if (body instanceof Uint8Array)
    return readTelecmiWebhookBody(new TextDecoder().decode(body), contentType);
  if (typeof body !== 'string') {
    if (body === null || typeof body !== 'object')
      throw invalidTelecmiWebhook(
        'expected the webhook body as text, bytes, fields or a query string',
      );
    if (Array.isArray(body)) throw invalidTelecmiWebhook('expected one CDR object, not a list');
    return body;
  }
  const text = body.trim();
  if (text === '') throw invalidTelecmiWebhook('the webhook body is empty');
  const type = contentType.toLowerCase();
  const form =
    type.includes('application/x-www-form-urlencoded') ||
    (!type.includes('json') && !text.startsWith('{') && !text.startsWith('['));
  if (form) {
    const fields = fromForm(new URLSearchParams(text));
    if (Object.keys(fields).length === 0 || !text.includes('='))
      throw invalidTelecmiWebhook('the webhook body is neither JSON nor form fields');
    return fields;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalidTelecmiWebhook('the webhook body is not valid JSON');
  }
  if (Array.isArray(value)) throw invalidTelecmiWebhook('expected one CDR object, not a list');
  if (value === null || typeof value !== 'object')
    throw invalidTelecmiWebhook('expected a JSON object');
  return value as Record<string, unknown>;
}
