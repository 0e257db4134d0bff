/** A package's name and version, as its package.json gives them. */
export interface PackageIdentity {
  name: string;
  version: string;
}

// Written into the build from core's package.json (tsup.config.base.ts) and into vitest's
// source runs (vitest.config.ts); absent in other source runs, hence the `typeof` guard.
declare const __CDR_PACKAGE__: PackageIdentity | undefined;

const corePackage: PackageIdentity | undefined =
  typeof __CDR_PACKAGE__ === 'undefined' ? undefined : __CDR_PACKAGE__;

/** A product token, `name/version`, or the name alone when the version is unknown (RFC 9110 §10.1.5). */
function productToken(name: string, version: string | undefined): string {
  return version === undefined ? name : `${name}/${version}`;
}

/**
 * The User-Agent the transport sends: cdr (core's version), the package on whose behalf it
 * sends (a provider's, when the provider kit builds the client) and Node.js, e.g.
 * `cdr/0.1.0 @cdr/twilio/0.1.0 node/24.1.0`, so that a provider's support can tell which
 * release of which package sent a request.
 */
export function cdrUserAgent(sender?: PackageIdentity | undefined): string {
  return [
    productToken('cdr', corePackage?.version),
    ...(sender ? [productToken(sender.name, sender.version)] : []),
    productToken('node', process.versions.node),
  ].join(' ');
}

/**
 * Headers with the User-Agent set: a `user-agent` the user gave (any case) leads, as the
 * most significant product (their application), followed by cdr's, as Octokit combines
 * them; cdr's tokens are never dropped, so a provider's support can still tell the release.
 */
export function withUserAgent(
  headers: Readonly<Record<string, string>>,
  userAgent: string,
): Record<string, string> {
  const combined: Record<string, string> = {};
  let given: string | undefined;
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === 'user-agent')
      given = given === undefined ? value : `${given} ${value}`;
    else combined[name] = value;
  }
  const trimmed = given?.trim();
  combined['user-agent'] = trimmed ? `${trimmed} ${userAgent}` : userAgent;
  return combined;
}
