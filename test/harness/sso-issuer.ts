import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import { pathOf, sendJson, startLoopbackServer } from './loopback-server.js';

/**
 * A local stand-in for Entra ID as a tab's SSO sees it: a JWKS at `/discovery/v2.0/keys` and
 * tokens shaped like the ones `authentication.getAuthToken()` gives a Teams tab (v2 access token:
 * `aud` = the app's client id, `iss` = `<origin>/<tid>/v2.0`, `scp` = `access_as_user`, `oid`,
 * `tid`). Every claim can be bent to forge the tokens a test must see refused.
 */
export interface SsoIssuer {
  /** TAB_SSO_JWKS_URL */
  readonly jwksUrl: string;
  /** TAB_SSO_ISSUER_TEMPLATE */
  readonly issuerTemplate: string;
  /** The Neuvo settings for this issuer and `appIdUri`. */
  tabEnv(appIdUri: string): Record<string, string>;
  /** Signs a token; the defaults make a valid one for `user` in `tenantId`. */
  sign(options: SsoTokenOptions): Promise<string>;
  close(): Promise<void>;
}

export interface SsoTokenOptions {
  readonly tenantId: string;
  readonly objectId: string;
  readonly audience: string;
  /** Default `access_as_user`. */
  readonly scope?: string;
  /** Default the issuer of `tenantId`. */
  readonly issuer?: string;
  /** Default now; `exp` = iat + `lifetimeSec` (default 3600). */
  readonly issuedAtSec?: number;
  readonly lifetimeSec?: number;
  /** `foreign-key`: signed by a key not in the JWKS but claiming the published kid; `none`: alg none. */
  readonly tamper?: 'foreign-key' | 'none';
  readonly extraClaims?: Readonly<Record<string, unknown>>;
}

interface Key {
  readonly kid: string;
  readonly privateKey: KeyLike;
  readonly publicJwk: JWK;
}

async function newKey(): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID().replaceAll('-', '');
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256' } };
}

/** Starts the issuer on 127.0.0.1 (plain HTTP: config allows http only on loopback). */
export async function startSsoIssuer(): Promise<SsoIssuer> {
  const published = await newKey();
  const foreign = await newKey();
  const server = await startLoopbackServer((req, res) => {
    if (pathOf(req) === '/discovery/v2.0/keys') return sendJson(res, 200, { keys: [published.publicJwk] });
    return sendJson(res, 404, { error: 'not_found' });
  });
  const issuerTemplate = `${server.origin}/{tid}/v2.0`;
  const jwksUrl = `${server.origin}/discovery/v2.0/keys`;
  return {
    jwksUrl,
    issuerTemplate,
    tabEnv: (appIdUri) => ({ TAB_APP_ID_URI: appIdUri, TAB_SSO_JWKS_URL: jwksUrl, TAB_SSO_ISSUER_TEMPLATE: issuerTemplate }),
    async sign(options) {
      const iat = options.issuedAtSec ?? Math.floor(Date.now() / 1000);
      const claims = {
        tid: options.tenantId,
        oid: options.objectId,
        scp: options.scope ?? 'access_as_user',
        ver: '2.0',
        azp: '5e3ce6c0-2b1f-4285-8d4b-75ee78787346',
        ...options.extraClaims,
      };
      const jwt = new SignJWT(claims)
        .setIssuer(options.issuer ?? issuerTemplate.replace('{tid}', options.tenantId))
        .setAudience(options.audience)
        .setSubject(`sub-${options.objectId}`)
        .setIssuedAt(iat)
        .setNotBefore(iat)
        .setExpirationTime(iat + (options.lifetimeSec ?? 3600));
      if (options.tamper === 'none') {
        const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
        const unsigned = await jwt.setProtectedHeader({ alg: 'RS256', kid: published.kid }).sign(published.privateKey);
        return `${header}.${unsigned.split('.')[1]}.`;
      }
      const signer = options.tamper === 'foreign-key' ? foreign : published;
      return jwt.setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: published.kid }).sign(signer.privateKey);
    },
    close: () => server.close(),
  };
}
