import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import { pathOf, sendJson, startLoopbackServer } from './loopback-server.js';

/** Name of the published signing key that endorses `msteams` (the default for every token). */
export const PRIMARY_KEY = 'primary';
/** Name of a key whose public half is NOT in the JWKS: tokens signed with it carry an unknown kid. */
export const UNPUBLISHED_KEY = 'unpublished';

/** Options of {@link startOpenIdServer}. */
export interface OpenIdServerOptions {
  /** Endorsements of the primary key. Default `['msteams']`: Teams' channel id. */
  readonly endorsements?: readonly string[];
  /**
   * More PUBLISHED keys, by name → their endorsements, e.g. `{ skypeOnly: ['skype'] }` for the
   * "channel not endorsed" case. Keys are fixed at start: botbuilder fetches the JWKS once per
   * metadata URL and caches it (24 h; an unknown kid refetches only if the cache is older than 1 h).
   */
  readonly additionalKeys?: Readonly<Record<string, readonly string[]>>;
}

/** What to put in a channel token; everything defaults to a token Teams would send. */
export interface ChannelTokenOptions {
  /** `aud`: the bot's Microsoft App ID. */
  readonly audience: string;
  /** `serviceurl`: must equal the activity's `serviceUrl` byte for byte (trailing slash included). */
  readonly serviceUrl: string;
  /** `iss`; default the server's {@link OpenIdServer.issuer}. */
  readonly issuer?: string;
  /** Which key signs: {@link PRIMARY_KEY} (default), {@link UNPUBLISHED_KEY}, or an additional key's name. */
  readonly key?: string;
  /** `iat` in epoch seconds; default now. `nbf` defaults to it, `exp` to it + `expiresInSec`. */
  readonly issuedAtSec?: number;
  /** Lifetime; default 3600 (Bot Framework channel tokens live about an hour). */
  readonly expiresInSec?: number;
  /** `nbf` in epoch seconds; default `issuedAtSec`. */
  readonly notBeforeSec?: number;
  /** Extra claims (e.g. `ver`/`azp` to imitate a skill or emulator token). */
  readonly extraClaims?: Readonly<Record<string, unknown>>;
  /**
   * `foreign-key`: signed by the unpublished key but with the primary key's kid (bad signature).
   * `payload`: a valid token whose payload is then altered (`aud` unchanged, `serviceurl` edited).
   */
  readonly tamper?: 'foreign-key' | 'payload';
}

/** A local stand-in for Bot Framework's channel-to-bot OpenID metadata and signing keys. */
export interface OpenIdServer {
  /** `iss` of every token; the bot's `BOT_TOKEN_ISSUER` / `ToBotFromChannelTokenIssuer`. */
  readonly issuer: string;
  /** The bot's `BOT_OPENID_METADATA_URL` / `ToBotFromChannelOpenIdMetadataUrl` (Bot Framework's path). */
  readonly metadataUrl: string;
  /** `kid` of each key by name (the unpublished one included). */
  readonly kids: Readonly<Record<string, string>>;
  /** How many times the metadata document and the JWKS were fetched: proves botbuilder's cache. */
  readonly fetchCounts: { metadata: number; jwks: number };
  /** Signs a channel token like the one Teams sends in `Authorization: Bearer …`. */
  signChannelToken(options: ChannelTokenOptions): Promise<string>;
  close(): Promise<void>;
}

interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyLike;
  readonly publicJwk: JWK;
}

/**
 * Starts the OpenID metadata server on 127.0.0.1 (plain HTTP: botbuilder fetches it with
 * node-fetch and does not require TLS). It serves Bot Framework's path
 * `/v1/.well-known/openidconfiguration` — no hyphen — plus the standard
 * `/.well-known/openid-configuration`, and the JWKS at `/keys`. Every JWK carries `endorsements`:
 * botbuilder rejects a token whose key does not endorse the activity's `channelId`, but skips the
 * check entirely when a key has no (or an empty) endorsements list.
 */
export async function startOpenIdServer(options: OpenIdServerOptions = {}): Promise<OpenIdServer> {
  const keys = new Map<string, SigningKey & { endorsements: readonly string[] | undefined }>();
  keys.set(PRIMARY_KEY, { ...(await newSigningKey()), endorsements: options.endorsements ?? ['msteams'] });
  for (const [name, endorsements] of Object.entries(options.additionalKeys ?? {})) {
    if (name === PRIMARY_KEY || name === UNPUBLISHED_KEY) throw new Error(`additional key name "${name}" is reserved`);
    keys.set(name, { ...(await newSigningKey()), endorsements });
  }
  keys.set(UNPUBLISHED_KEY, { ...(await newSigningKey()), endorsements: undefined });

  const fetchCounts = { metadata: 0, jwks: 0 };
  let origin = '';
  const issuerPath = '/botframework';

  const server = await startLoopbackServer((req, res) => {
    const path = pathOf(req);
    if (req.method !== 'GET') return sendJson(res, 405, { error: 'method_not_allowed' });
    if (path === '/v1/.well-known/openidconfiguration' || path === '/.well-known/openidconfiguration' || path === '/.well-known/openid-configuration') {
      fetchCounts.metadata += 1;
      // Same fields as https://login.botframework.com/v1/.well-known/openidconfiguration.
      return sendJson(res, 200, {
        issuer: `${origin}${issuerPath}`,
        authorization_endpoint: `${origin}/v1/.well-known/authorize-not-supported`,
        jwks_uri: `${origin}/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      });
    }
    if (path === '/keys') {
      fetchCounts.jwks += 1;
      const published = [...keys.entries()]
        .filter(([name]) => name !== UNPUBLISHED_KEY)
        .map(([, key]) => ({ ...key.publicJwk, ...(key.endorsements ? { endorsements: [...key.endorsements] } : {}) }));
      return sendJson(res, 200, { keys: published });
    }
    return sendJson(res, 404, { error: 'not_found', path });
  });
  origin = server.origin;
  const issuer = `${origin}${issuerPath}`;

  const keyNamed = (name: string): SigningKey => {
    const key = keys.get(name);
    if (!key) throw new Error(`no signing key named "${name}"; known: ${[...keys.keys()].join(', ')}`);
    return key;
  };

  return {
    issuer,
    metadataUrl: `${origin}/v1/.well-known/openidconfiguration`,
    kids: Object.fromEntries([...keys.entries()].map(([name, key]) => [name, key.kid])),
    fetchCounts,
    close: () => server.close(),
    async signChannelToken(opts) {
      const signer = opts.tamper === 'foreign-key' ? keyNamed(UNPUBLISHED_KEY) : keyNamed(opts.key ?? PRIMARY_KEY);
      const headerKid = opts.tamper === 'foreign-key' ? keyNamed(opts.key ?? PRIMARY_KEY).kid : signer.kid;
      const iat = opts.issuedAtSec ?? Math.floor(Date.now() / 1000);
      // Claim names as botbuilder reads them (AuthenticationConstants): iss, aud, serviceurl (lower case).
      const token = await new SignJWT({ serviceurl: opts.serviceUrl, ...opts.extraClaims })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: headerKid })
        .setIssuer(opts.issuer ?? issuer)
        .setAudience(opts.audience)
        .setIssuedAt(iat)
        .setNotBefore(opts.notBeforeSec ?? iat)
        .setExpirationTime(iat + (opts.expiresInSec ?? 3600))
        .sign(signer.privateKey);
      return opts.tamper === 'payload' ? tamperPayload(token) : token;
    },
  };
}

async function newSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID().replaceAll('-', '');
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256' };
  return { kid, privateKey, publicJwk };
}

/** Rewrites the payload's `serviceurl` while keeping the original signature: a forged token. */
function tamperPayload(token: string): string {
  const [header, payload, signature] = token.split('.');
  if (header === undefined || payload === undefined || signature === undefined) throw new Error('not a JWS');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  claims.serviceurl = `${String(claims.serviceurl)}forged/`;
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}
