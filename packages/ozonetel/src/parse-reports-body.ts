import { Tokenizer, TokenParser, TokenType } from '@streamparser/json';

/**
 * Integers beyond `Number.MAX_SAFE_INTEGER` (the reports API's 17-digit `CallID`) are kept
 * as their digits, a string: `JSON.parse` would round `31733467784618213` to
 * `31733467784618212`. Other numbers are read as numbers.
 */
class LosslessTokenizer extends Tokenizer {
  protected override parseNumber(numberStr: string): number {
    if (/^-?\d+$/.test(numberStr) && !Number.isSafeInteger(Number(numberStr)))
      return numberStr as unknown as number;
    return Number(numberStr);
  }
}

/** What a reports body said besides its records. */
export interface ReportsEnvelope {
  status?: unknown;
  message?: unknown;
  /** Whether the body had a `details` array (possibly empty). */
  details: boolean;
  /** Records read. */
  records: number;
}

/**
 * Reads a `ca_reports` body (`{"details": [ {...}, ... ]}`, or an error envelope
 * `{"status": "false", "message": "…"}`) as it streams in, with big integers kept exact,
 * and hands each record of `details` to `onRecord` as soon as it is complete. Memory holds
 * one chunk's records at a time, whatever the size of the body: `onRecord` is awaited
 * after each chunk (back-pressure). Throws a `SyntaxError` for a body that is not JSON or
 * ends early.
 */
export async function parseReportsBody(
  body: AsyncIterable<Uint8Array>,
  onRecord: (record: unknown, index: number) => Promise<void> | void,
): Promise<ReportsEnvelope> {
  const tokenizer = new LosslessTokenizer({ stringBufferSize: 64 * 1024, numberBufferSize: 64 });
  const parser = new TokenParser({
    // Not `$.details` itself: a path on the array would keep every record in it until its
    // end. With `keepStack: false` each record is dropped from the parser once emitted.
    paths: ['$.details.*', '$.status', '$.message'],
    keepStack: false,
  });
  // What the parser is reading, to see a `details` array open (an empty day has no record).
  const position = parser as unknown as { key: unknown; stack: unknown[] };
  const envelope: ReportsEnvelope = { details: false, records: 0 };
  let pending: unknown[] = [];
  let failure: Error | undefined;
  tokenizer.onToken = (token) => {
    if (
      token.token === TokenType.LEFT_BRACKET &&
      position.stack.length === 1 &&
      position.key === 'details'
    )
      envelope.details = true;
    parser.write(token);
  };
  tokenizer.onError = (error) => {
    failure ??= error;
  };
  parser.onError = (error) => {
    failure ??= error;
  };
  tokenizer.onEnd = () => {
    if (!parser.isEnded) parser.end();
  };
  parser.onEnd = () => {
    if (!tokenizer.isEnded) tokenizer.end();
  };
  parser.onValue = ({ value, key, parent, stack }) => {
    const depth = stack.length;
    if (depth === 2 && Array.isArray(parent)) {
      pending.push(value);
      return;
    }
    if (depth === 1 && key === 'status') envelope.status = value;
    if (depth === 1 && key === 'message') envelope.message = value;
  };
  const flush = async () => {
    const records = pending;
    pending = [];
    for (const record of records) await onRecord(record, envelope.records++);
  };
  for await (const chunk of body) {
    tokenizer.write(chunk);
    if (failure) throw asSyntaxError(failure);
    await flush();
  }
  if (!tokenizer.isEnded) tokenizer.end();
  if (failure) throw asSyntaxError(failure);
  if (!parser.isEnded) throw new SyntaxError('the body ends before its JSON does');
  await flush();
  return envelope;
}

function asSyntaxError(error: Error): SyntaxError {
  return error instanceof SyntaxError ? error : new SyntaxError(error.message);
}
