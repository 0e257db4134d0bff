import type { PackageIdentity } from '@cdr/core/provider-utils';

// Written in from package.json by the build (tsup.config.base.ts) and by vitest
// (vitest.config.ts); absent in other runs of the source, hence the `typeof` guard.
declare const __CDR_PACKAGE__: PackageIdentity | undefined;

/** This package's name and version, named in the User-Agent of its requests. */
export const telnyxPackage: PackageIdentity | undefined =
  typeof __CDR_PACKAGE__ === 'undefined' ? undefined : __CDR_PACKAGE__;
