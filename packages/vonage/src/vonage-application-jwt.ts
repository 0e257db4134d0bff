import { createPrivateKey, createSign, type KeyObject, randomUUID } from 'node:crypto';

/** The token lifetime the official SDKs use (Node: `ttl` 900 s; Python: 15 minutes). */
export const defaultVonageTokenLifetimeSeconds = 900;

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** A PEM private key as a key object, or `undefined` when it is not one. */
export function readPrivateKey(pem: string): KeyObject | undefined {
  try {
    const key = createPrivateKey(pem);
    return key.asymmetricKeyType === 'rsa' ? key : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An application JWT as the Voice API wants it (fact sheet §2): header
 * `{"alg":"RS256","typ":"JWT"}`, claims `jti` (unique), `iat` (UNIX seconds), `exp` (`iat` +
 * the lifetime: the docs allow 30 s to 24 h) and `application_id` — what `@vonage/jwt`'s
 * `tokenGenerate` sets by default, signed with the application's private key.
 */
export function signVonageApplicationJwt(options: {
  applicationId: string;
  privateKey: KeyObject | string;
  now: Date;
  lifetimeSeconds?: number | undefined;
  jti?: string | undefined;
}): string {
  const issuedAt = Math.floor(options.now.getTime() / 1000);
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const claims = base64url(
    JSON.stringify({
      jti: options.jti ?? randomUUID(),
      iat: issuedAt,
      exp: issuedAt + (options.lifetimeSeconds ?? defaultVonageTokenLifetimeSeconds),
      application_id: options.applicationId,
    }),
  );
  const signature = createSign('RSA-SHA256')
    .update(`${header}.${claims}`)
    .sign(options.privateKey)
    .toString('base64url');
  return `${header}.${claims}.${signature}`;
}
