import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWK, type JWTPayload, type KeyLike } from 'jose';
import { loadHarnessTls, pathOf, readBody, sendJson, startLoopbackServer, type TlsMaterial } from './loopback-server.js';

/** Options of {@link startTokenServer}. */
export interface TokenServerOptions {
  /** The tenant in the authority path, e.g. the bot's `BOT_TENANT_ID`. */
  readonly tenantId: string;
  /** Registered confidential clients: app id → client secret. */
  readonly clients: Readonly<Record<string, string>>;
  /** `expires_in` of issued tokens; default 3599 like Entra. Under 300 s botbuilder re-fetches on every call. */
  readonly expiresInSec?: number;
  /** Certificate and key; default the ones global-setup generated (trusted via NODE_EXTRA_CA_CERTS). */
  readonly tls?: TlsMaterial;
}

/** One token the server handed out. */
export interface IssuedToken {
  readonly clientId: string;
  /** The requested scope, e.g. `https://api.botframework.com/.default`. */
  readonly scope: string;
  /** `aud` of the token: the scope without `/.default`. */
  readonly audience: string;
  readonly accessToken: string;
  readonly issuedAt: Date;
}

/** A request the server received (any path), for asserting what MSAL asked for. */
export interface TokenServerRequest {
  readonly method: string;
  readonly path: string;
  /** Form fields of a token request, with `client_secret` redacted. */
  readonly form?: Readonly<Record<string, string>>;
  readonly status: number;
}

/** A local Entra ID authority for the bot's outbound (bot → connector) client-credentials token. */
export interface TokenServer {
  /** MSAL `auth.authority`: `https://127.0.0.1:<port>/<tenant>`. */
  readonly authority: string;
  /** MSAL `auth.knownAuthorities` entry: `127.0.0.1:<port>` (without it MSAL calls login.microsoftonline.com for instance discovery). */
  readonly knownAuthority: string;
  /** What the bot's `BOT_LOGIN_URL` / `ToChannelFromBotLoginUrl` should be (the authority). */
  readonly loginUrl: string;
  /** `iss` of the issued access tokens. */
  readonly issuer: string;
  readonly issuedTokens: readonly IssuedToken[];
  readonly requests: readonly TokenServerRequest[];
  /** Number of POSTs to the token endpoint (successful or not). */
  tokenRequestCount(): number;
  /**
   * Verifies an `Authorization` header's bearer token as one this server issued for `audience`
   * (signature, issuer, audience, expiry). Used by the fake connector to refuse unsigned replies.
   */
  verifyAccessToken(authorization: string | undefined, audience: string): Promise<JWTPayload | undefined>;
  close(): Promise<void>;
}

/**
 * Starts an HTTPS server on 127.0.0.1 that answers what MSAL node 2.16 (msal-common 14) requests
 * for `acquireTokenByClientCredential` with `authority = https://127.0.0.1:<port>/<tenant>`:
 *
 * 1. Instance discovery is skipped only because the host is in `knownAuthorities`.
 * 2. `GET <authority>/v2.0/.well-known/openid-configuration` (protocolMode AAD) — MSAL accepts
 *    the document only if it has `authorization_endpoint`, `token_endpoint`, `issuer`, `jwks_uri`.
 *    `/.well-known/openid-configuration` (protocolMode OIDC) is served too.
 * 3. `POST <token_endpoint>` form-encoded: `client_id`, `client_secret`, `scope`,
 *    `grant_type=client_credentials` (plus `client_info`, telemetry fields).
 *
 * Errors follow Entra's AADSTS JSON: wrong secret → 401 `invalid_client` (AADSTS7000215),
 * unknown client → 400 `unauthorized_client` (AADSTS700016), scope without `/.default` → 400
 * `invalid_scope` (AADSTS1002012), unknown tenant → 400 `invalid_request` (AADSTS90002).
 */
export async function startTokenServer(options: TokenServerOptions): Promise<TokenServer> {
  const { privateKey, publicKey, kid, publicJwk } = await newKey();
  const issuedTokens: IssuedToken[] = [];
  const requests: TokenServerRequest[] = [];
  const expiresIn = options.expiresInSec ?? 3599;
  const tenant = options.tenantId;
  let origin = '';

  const server = await startLoopbackServer(async (req, res) => {
    const path = pathOf(req);
    const method = req.method ?? 'GET';
    const record = (status: number, form?: Record<string, string>): void => {
      requests.push({ method, path, status, ...(form ? { form: redact(form) } : {}) });
    };
    const [, pathTenant, ...rest] = path.split('/');
    const route = `/${rest.join('/')}`;

    if (pathTenant !== tenant) {
      record(400);
      return sendJson(res, 400, aadError('invalid_request', 90002, `Tenant '${pathTenant ?? ''}' not found.`));
    }
    const authorityUrl = `${origin}/${tenant}`;
    if (method === 'GET' && (route === '/v2.0/.well-known/openid-configuration' || route === '/.well-known/openid-configuration')) {
      record(200);
      return sendJson(res, 200, {
        token_endpoint: `${authorityUrl}/oauth2/v2.0/token`,
        token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
        jwks_uri: `${authorityUrl}/discovery/v2.0/keys`,
        response_modes_supported: ['query', 'fragment', 'form_post'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        issuer: `${authorityUrl}/v2.0`,
        request_uri_parameter_supported: false,
        authorization_endpoint: `${authorityUrl}/oauth2/v2.0/authorize`,
        device_authorization_endpoint: `${authorityUrl}/oauth2/v2.0/devicecode`,
        end_session_endpoint: `${authorityUrl}/oauth2/v2.0/logout`,
        tenant_region_scope: 'EU',
        cloud_instance_name: 'localhost',
      });
    }
    if (method === 'GET' && route === '/discovery/v2.0/keys') {
      record(200);
      return sendJson(res, 200, { keys: [publicJwk] });
    }
    if (method === 'POST' && route === '/oauth2/v2.0/token') {
      const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
      const clientId = form.client_id ?? '';
      const expectedSecret = options.clients[clientId];
      const fail = (status: number, error: string, code: number, description: string): void => {
        record(status, form);
        sendJson(res, status, aadError(error, code, description));
      };
      if (form.grant_type !== 'client_credentials') {
        return fail(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${form.grant_type ?? ''}'.`);
      }
      if (expectedSecret === undefined) {
        return fail(400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${tenant}'.`);
      }
      if (form.client_secret !== expectedSecret) {
        return fail(401, 'invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`);
      }
      const scope = form.scope ?? '';
      // MSAL also sends openid/profile/offline_access unless filtered; client credentials must name exactly one resource.
      const resourceScopes = scope.split(' ').filter((s) => s !== '' && !['openid', 'profile', 'offline_access'].includes(s));
      const resourceScope = resourceScopes[0];
      if (resourceScopes.length !== 1 || resourceScope === undefined || !resourceScope.endsWith('/.default')) {
        return fail(400, 'invalid_scope', 1002012, `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
      }
      const audience = resourceScope.slice(0, -'/.default'.length);
      const now = Math.floor(Date.now() / 1000);
      const accessToken = await new SignJWT({ appid: clientId, azp: clientId, appidacr: '1', azpacr: '1', tid: tenant, oid: clientId, sub: clientId, idtyp: 'app', ver: '2.0' })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid })
        .setIssuer(`${authorityUrl}/v2.0`)
        .setAudience(audience)
        .setIssuedAt(now)
        .setNotBefore(now)
        .setExpirationTime(now + expiresIn)
        .setJti(randomUUID())
        .sign(privateKey);
      issuedTokens.push({ clientId, scope: resourceScope, audience, accessToken, issuedAt: new Date(now * 1000) });
      record(200, form);
      return sendJson(
        res,
        200,
        { token_type: 'Bearer', expires_in: expiresIn, ext_expires_in: expiresIn, access_token: accessToken },
        { 'cache-control': 'no-store, no-cache', pragma: 'no-cache' },
      );
    }
    record(404);
    return sendJson(res, 404, aadError('invalid_request', 900561, `The endpoint ${method} ${route} is not served by the local authority.`));
  }, options.tls ?? loadHarnessTls());
  origin = server.origin;
  const authority = `${origin}/${tenant}`;

  return {
    authority,
    knownAuthority: `127.0.0.1:${server.port}`,
    loginUrl: authority,
    issuer: `${authority}/v2.0`,
    issuedTokens,
    requests,
    tokenRequestCount: () => requests.filter((r) => r.method === 'POST').length,
    close: () => server.close(),
    async verifyAccessToken(authorization, audience) {
      const match = /^Bearer (\S+)$/.exec(authorization ?? '');
      if (!match?.[1]) return undefined;
      try {
        const { payload } = await jwtVerify(match[1], publicKey, { issuer: `${authority}/v2.0`, audience, algorithms: ['RS256'] });
        return payload;
      } catch {
        return undefined;
      }
    },
  };
}

async function newKey(): Promise<{ privateKey: KeyLike; publicKey: KeyLike; kid: string; publicJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID().replaceAll('-', '');
  return { privateKey, publicKey, kid, publicJwk: { ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256' } };
}

/** Entra's error body: `error`, `error_description` starting with the AADSTS code, `error_codes`, ids. */
function aadError(error: string, code: number, message: string): Record<string, unknown> {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  return {
    error,
    error_description: `AADSTS${code}: ${message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://127.0.0.1/error?code=${code}`,
  };
}

function redact(form: Record<string, string>): Record<string, string> {
  return form.client_secret === undefined ? form : { ...form, client_secret: '<redacted>' };
}
