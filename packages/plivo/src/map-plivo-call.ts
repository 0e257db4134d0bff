import type { Call } from '@cdr/core';
import type { PhoneNormalizer } from '@cdr/core/provider-utils';
import type { PlivoRecord } from './plivo-schemas.js';

/**
 * A validated Plivo record → a Call.
 *
 * TODO(plivo): map every field the docs give (the README's mapping table says where each
 * goes): times to UTC instants, durations to seconds, parties through `normalize` (E.164,
 * identifiers kept as identifiers), direction and status from the provider's words, the
 * rest to `providerFields`; absent values stay absent. `raw` is the record as received (the
 * kit scrubs credentials from every Call). Test it with the docs' sample in src/__fixtures__/.
 */
export function mapPlivoCall(
  record: PlivoRecord,
  normalize: PhoneNormalizer,
  raw: unknown = record,
): Call {
  throw new Error(
    `mapPlivoCall is not implemented yet (record ${record.id}; ${typeof normalize}, ${typeof raw}): see CONTRIBUTING.md, "Adding a provider"`,
  );
}
