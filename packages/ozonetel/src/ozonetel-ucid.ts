import { InvalidRequestError } from '@cdr/core';
import { ozonetelMessages } from './ozonetel-error.js';

/**
 * A UCID: digits only, as Ozonetel requires ("ucid should be numeric only"), and no longer
 * than any id it issues (the reports API's 17-digit `CallID`; 30 leaves room). One rule for
 * lookups and callback pushes alike: a push cannot store a call a lookup would refuse.
 */
export const ucidPattern = /^\d{1,30}$/;

/** Throws the typed error for a UCID that cannot be one, in Ozonetel's words where it has them. */
export function assertUcid(
  ucid: unknown,
  where: { instance?: string | undefined; endpoint?: string } = {},
): asserts ucid is string {
  const fail = (message: string) =>
    new InvalidRequestError({ provider: 'ozonetel', ...where, message });
  if (typeof ucid !== 'string' || ucid.trim() === '') throw fail(ozonetelMessages.ucidEmpty);
  if (!/^\d+$/.test(ucid)) throw fail(ozonetelMessages.ucidNotNumeric);
  if (!ucidPattern.test(ucid))
    throw fail('ucid is longer than any UCID Ozonetel issues (30 digits)');
}
