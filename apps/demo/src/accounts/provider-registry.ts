// The providers the tool knows. Adding one is a line here: its descriptor says the rest
// (its variables, accounts, simulator). Loaded only by commands that talk to providers,
// so that `calls`, `report` and `--help` start without them.
import type { ProviderDescriptor } from '@cdr/core/provider-utils';
import { exotelDescriptor } from '@cdr/exotel';
import { ozonetelDescriptor } from '@cdr/ozonetel';
import { telecmiDescriptor } from '@cdr/telecmi';
import { twilioDescriptor } from '@cdr/twilio';

export const providerDescriptors: readonly ProviderDescriptor[] = [
  telecmiDescriptor,
  ozonetelDescriptor,
  exotelDescriptor,
  twilioDescriptor,
];
