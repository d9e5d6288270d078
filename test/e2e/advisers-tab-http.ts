import type { SsoIssuer } from '../harness/sso-issuer.js';
import { ADVISERS_TAB_TENANT, type WorldStaff } from './advisers-tab-world.js';
import type { RunningNeuvo } from './neuvo-server.js';
import { TAB_CLIENT_ID } from './side-panel-world.js';

/** An answer of the tab API as the tests read it: JSON when it is JSON, else only `text` (CSV). */
export interface TabReply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: Record<string, unknown>;
}

export type TabCall = (method: string, path: string, who: WorldStaff | undefined, options?: { body?: unknown; lang?: string }) => Promise<TabReply>;

/** A Teams SSO token of the tests' tenant for `who`, from the local issuer. */
export function advisersTabToken(issuer: SsoIssuer, who: WorldStaff): Promise<string> {
  return issuer.sign({ tenantId: ADVISERS_TAB_TENANT, objectId: who.oid, audience: TAB_CLIENT_ID });
}

/**
 * Calls the advisers' tab API as `who` (an SSO token from the local issuer; undefined = no
 * token), in `lang` (English by default). Resolved lazily, so it can be made before beforeAll.
 */
export function advisersTabCall(running: () => { readonly sut: RunningNeuvo; readonly issuer: SsoIssuer }): TabCall {
  return async (method, path, who, options = {}) => {
    const { sut, issuer } = running();
    const headers: Record<string, string> = { 'accept-language': options.lang ?? 'en' };
    if (who) headers.authorization = `Bearer ${await advisersTabToken(issuer, who)}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${sut.baseUrl}${path}`, { method, headers, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}) });
    const text = await res.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // CSV or empty: the test reads `text`
    }
    return { status: res.status, headers: res.headers, text, json };
  };
}
