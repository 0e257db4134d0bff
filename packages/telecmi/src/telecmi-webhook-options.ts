import {
  type CountryCode,
  createPhoneNormalizer,
  functionOption,
  type PhoneNormalizer,
} from '@cdr/core/provider-utils';
import { z } from 'zod';
import type { TelecmiWebhookPayload } from './telecmi-webhook-schemas.js';

/** How webhook legs become a Call: give `mergeTelecmiLegs` the same as `parseTelecmiWebhook`. */
export interface TelecmiWebhookMappingOptions {
  /** Region for numbers written without a country code, as in `createTelecmi`. Default `IN`. */
  defaultRegion?: CountryCode;
}

export const telecmiWebhookMappingShape = {
  defaultRegion: z
    .string()
    .regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 region such as IN')
    .optional(),
};

export const parseTelecmiWebhookOptionsSchema = z.strictObject({
  ...telecmiWebhookMappingShape,
  contentType: z.string().optional(),
  callId: functionOption<(payload: TelecmiWebhookPayload) => string | undefined>().optional(),
});

// One normalizer per region, shared: its cache holds the numbers every push repeats.
const normalizers = new Map<string, PhoneNormalizer>();

export function webhookNormalizer(region: CountryCode = 'IN'): PhoneNormalizer {
  let normalizer = normalizers.get(region);
  if (!normalizer) {
    normalizer = createPhoneNormalizer({ defaultRegion: region });
    normalizers.set(region, normalizer);
  }
  return normalizer;
}
