import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';

/** Who the Teams SSO token says is calling: Entra's ids, never a name or an e-mail. */
export interface TabIdentity {
  readonly tenantId: string;
  readonly entraObjectId: string;
}

export type TabAuthFailureReason =
  | 'missing_token'
  | 'malformed'
  | 'bad_signature'
  | 'expired'
  | 'wrong_audience'
  | 'wrong_issuer'
  | 'tenant_not_allowed'
  | 'missing_scope'
  | 'missing_subject'
  /** The signing keys could not be fetched: our problem (or Entra's), not the caller's. */
  | 'keys_unavailable';

export type TabAuthResult = { readonly ok: true; readonly identity: TabIdentity } | { readonly ok: false; readonly reason: TabAuthFailureReason };

export interface TabTokenVerifierOptions {
  /** Accepted `aud`: the Application ID URI and its client id (v2 tokens carry the client id). */
  readonly audiences: readonly string[];
  readonly jwksUrl: string;
  /** Expected `iss` with `{tid}` replaced by the token's own `tid`. */
  readonly issuerTemplate: string;
  /** Tenants served; empty = any (config allows that only in local mode). */
  readonly allowedTenantIds: ReadonlySet<string>;
  /** For tests; default the real clock. */
  readonly now?: () => Date;
  /** For tests: a local key set instead of fetching `jwksUrl`. */
  readonly keys?: JWTVerifyGetKey;
}

/** The delegated scope the SSO app exposes (aad.manifest.json) and Teams asks for. */
export const TAB_SCOPE = 'access_as_user';

/** Teams and Entra clocks drift by seconds, not minutes: a minute is generous and still short. */
const CLOCK_TOLERANCE_SEC = 60;
const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type TabTokenVerifier = (authorization: string | undefined) => Promise<TabAuthResult>;

/**
 * Checks the Teams SSO token a tab sends as `Authorization: Bearer …`
 * (`authentication.getAuthToken()`): RS256 only, signed by a key of `jwksUrl`, for our app, issued
 * by the token's OWN tenant's issuer (Entra's common key set signs every tenant's tokens, so the
 * issuer is what ties a token to its tenant), the tenant on the allow-list, the `access_as_user`
 * scope (a token Teams got for us, not some other delegated token), and `oid` present.
 *
 * Keys are cached by jose and refetched at most every 30 s on an unknown `kid`, so forged tokens
 * cannot make us hammer the key endpoint.
 */
export function createTabTokenVerifier(options: TabTokenVerifierOptions): TabTokenVerifier {
  const keys = options.keys ?? createRemoteJWKSet(new URL(options.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000, timeoutDuration: 5_000 });
  const now = options.now ?? (() => new Date());

  return async (authorization) => {
    const token = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(authorization ?? '')?.[1];
    if (!token) return refuse(authorization ? 'malformed' : 'missing_token');
    let unverifiedTenant: unknown;
    try {
      unverifiedTenant = decodeJwt(token).tid;
    } catch {
      return refuse('malformed');
    }
    // The tenant picks the issuer we demand; it is only trusted once the signature checks out.
    if (typeof unverifiedTenant !== 'string' || !TENANT_ID.test(unverifiedTenant)) return refuse('wrong_issuer');
    try {
      const { payload } = await jwtVerify(token, keys, {
        algorithms: ['RS256'],
        audience: [...options.audiences],
        issuer: options.issuerTemplate.replace('{tid}', unverifiedTenant),
        clockTolerance: CLOCK_TOLERANCE_SEC,
        currentDate: now(),
        requiredClaims: ['exp', 'iat', 'tid'],
      });
      const tenantId = String(payload.tid);
      if (options.allowedTenantIds.size > 0 && !options.allowedTenantIds.has(tenantId)) return refuse('tenant_not_allowed');
      const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
      if (!scopes.includes(TAB_SCOPE)) return refuse('missing_scope');
      if (typeof payload.oid !== 'string' || payload.oid === '') return refuse('missing_subject');
      return { ok: true, identity: { tenantId, entraObjectId: payload.oid } };
    } catch (error) {
      return refuse(failureReason(error));
    }
  };
}

function refuse(reason: TabAuthFailureReason): TabAuthResult {
  return { ok: false, reason };
}

/** jose's error families → our reasons (the HTTP layer answers 401 to all but keys_unavailable). */
function failureReason(error: unknown): TabAuthFailureReason {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'wrong_audience';
    if (error.claim === 'iss') return 'wrong_issuer';
    return error.claim === 'nbf' ? 'expired' : 'malformed';
  }
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return 'keys_unavailable';
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JOSEAlgNotAllowed) return 'bad_signature';
  if (error instanceof errors.JOSEError) return 'malformed';
  // A network failure fetching the keys surfaces as a plain error from fetch.
  return 'keys_unavailable';
}
