// Hand-made JWTs for the attack suite: any header and payload, signed with HMAC under any
// key (the server's test secret, a wrong one, a public key's PEM text), with an asymmetric key
// generated here, or not at all.
import { createHmac } from 'node:crypto';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { testJwtSecret } from '../test-server.js';

/** The claims a server token carries, as the server issues them. */
export interface TokenClaims {
  readonly sub: string;
  readonly org: string;
  readonly role: string;
}

/** A JWT header or payload: any JSON object. */
export type JwtPart = Record<string, unknown>;

function base64url(part: JwtPart): string {
  return Buffer.from(JSON.stringify(part)).toString('base64url');
}

/** The payload the server would issue for `claims`, valid for 10 minutes from now. */
export function validPayload(claims: TokenClaims): JwtPart {
  const now = Math.floor(Date.now() / 1000);
  return {
    ...claims,
    iss: 'vaultcraft',
    aud: 'vaultcraft-api',
    iat: now,
    exp: now + 600,
  };
}

/**
 * An HMAC-signed token (HS256 unless the header names HS384 or HS512 and `hash` follows),
 * keyed with `key` (the server's test secret by default).
 */
export function hmacToken(options: {
  payload: JwtPart;
  header?: JwtPart;
  key?: string;
  hash?: 'sha256' | 'sha384' | 'sha512';
}): string {
  const header = options.header ?? { alg: 'HS256', typ: 'JWT' };
  const signed = `${base64url(header)}.${base64url(options.payload)}`;
  const signature = createHmac(options.hash ?? 'sha256', options.key ?? testJwtSecret)
    .update(signed)
    .digest('base64url');
  return `${signed}.${signature}`;
}

/** An unsigned token: `alg` as given (`none`, `None`, ...), with an empty signature. */
export function unsignedToken(payload: JwtPart, alg = 'none'): string {
  return `${base64url({ alg, typ: 'JWT' })}.${base64url(payload)}.`;
}

type SigningKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

/** Tokens signed with keys generated here: RS256, ES256, and HS256 keyed by the RSA public PEM. */
export async function asymmetricTokens(payload: JwtPart): Promise<Record<string, string>> {
  const rsa = await generateKeyPair('RS256', { extractable: true });
  const ec = await generateKeyPair('ES256', { extractable: true });
  const publicPem = await exportSPKI(rsa.publicKey);
  const sign = (alg: string, key: SigningKey, header: JwtPart = {}) =>
    new SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT', ...header }).sign(key);
  return {
    'RS256 with a key of its own': await sign('RS256', rsa.privateKey),
    'ES256 with a key of its own': await sign('ES256', ec.privateKey),
    'RS256 carrying its own public key in "jwk"': await sign('RS256', rsa.privateKey, {
      jwk: await exportJWK(rsa.publicKey),
    }),
    'HS256 keyed with an RSA public key (algorithm confusion)': hmacToken({
      payload,
      key: publicPem,
    }),
  };
}

/**
 * Every token the server must refuse for the user of `claims`: unsigned, signed with another
 * key or algorithm, expired or not yet valid, for another issuer or audience, each claim
 * missing or mistyped, naming another organization or an unknown user, cut or extended.
 */
export async function forgedTokens(options: {
  claims: TokenClaims;
  otherOrganizationId: string;
}): Promise<Record<string, string>> {
  const payload = validPayload(options.claims);
  const now = Math.floor(Date.now() / 1000);
  const real = hmacToken({ payload });
  const [head, body, signature] = real.split('.');
  const signed = (changes: JwtPart) => hmacToken({ payload: { ...payload, ...changes } });
  const without = (name: string) =>
    hmacToken({
      payload: Object.fromEntries(Object.entries(payload).filter(([key]) => key !== name)),
    });
  const hmac = (alg: string, hash: 'sha384' | 'sha512') =>
    hmacToken({ payload, hash, header: { alg, typ: 'JWT' } });
  return {
    'alg none': unsignedToken(payload),
    'alg None': unsignedToken(payload, 'None'),
    'alg NONE': unsignedToken(payload, 'NONE'),
    'alg none keeping the real signature': `${unsignedToken(payload)}${signature}`,
    'the signature of another token': `${head}.${body}.${signed({ sub: 'x' }).split('.')[2]}`,
    'HS256 with a wrong secret': hmacToken({
      payload,
      key: 'wrong-secret-wrong-secret-0123456789',
    }),
    'HS256 with an empty secret and a kid': hmacToken({
      payload,
      key: '',
      header: { alg: 'HS256', typ: 'JWT', kid: '../../../../dev/null' },
    }),
    'HS384 with the right secret': hmac('HS384', 'sha384'),
    'HS512 with the right secret': hmac('HS512', 'sha512'),
    'an unknown critical header': hmacToken({
      payload,
      header: { alg: 'HS256', crit: ['x-vc'], 'x-vc': 1 },
    }),
    ...(await asymmetricTokens(payload)),
    expired: signed({ iat: now - 7200, exp: now - 60 }),
    'not valid yet': signed({ nbf: now + 600 }),
    'another issuer': signed({ iss: 'someone-else' }),
    'another audience': signed({ aud: 'another-api' }),
    'an audience list without ours': signed({ aud: ['a', 'b'] }),
    ...Object.fromEntries(
      ['sub', 'org', 'role', 'iat', 'exp', 'iss', 'aud'].map((name) => [
        `no ${name}`,
        without(name),
      ]),
    ),
    'sub as a number': signed({ sub: 42 }),
    'org as a list': signed({ org: [options.claims.org] }),
    'an unknown role': signed({ role: 'ROOT' }),
    'a lower-case role': signed({ role: 'owner' }),
    'the user in another organization': signed({ org: options.otherOrganizationId }),
    'an unknown user': signed({ sub: '01900000-0000-7000-8000-000000000000' }),
    'a trailing dot': `${real}.`,
    'cut short': real.slice(0, -2),
  };
}
