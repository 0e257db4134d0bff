import { expect, test } from 'vitest';
import { debugEnables, logSettingsOf } from './log-settings.ts';

test('DEBUG turns cdr:http on as the debug package reads it: names, prefixes, wildcards, exclusions', () => {
  for (const debug of ['cdr:http', 'cdr', 'cdr:*', '*', 'express,cdr:http', 'pg cdr:http'])
    expect(debugEnables(debug, 'cdr:http'), debug).toBe(true);
  for (const debug of [undefined, '', 'cdr:sql', 'cdrx', 'http', 'cdr:*,-cdr:http', '*,-cdr'])
    expect(debugEnables(debug, 'cdr:http'), String(debug)).toBe(false);
});

test('the log format: the flag, else CDR_LOG_FORMAT, else text; transport events with -v or DEBUG', () => {
  expect(logSettingsOf({}, {})).toEqual({ format: 'text', showsTransport: false });
  expect(logSettingsOf({ CDR_LOG_FORMAT: 'json' }, {}).format).toBe('json');
  expect(logSettingsOf({ CDR_LOG_FORMAT: ' JSON ' }, {}).format).toBe('json');
  expect(logSettingsOf({ CDR_LOG_FORMAT: 'json' }, { logFormat: 'text' }).format).toBe('text');
  expect(logSettingsOf({}, { verbose: true }).showsTransport).toBe(true);
  expect(logSettingsOf({ DEBUG: 'cdr:http' }, {}).showsTransport).toBe(true);
});

test('a CDR_LOG_FORMAT that names no format: one line naming the variable and the choices', () => {
  expect(() => logSettingsOf({ CDR_LOG_FORMAT: 'xml' }, {})).toThrow(
    'CDR_LOG_FORMAT must be text or json (got "xml")',
  );
});
