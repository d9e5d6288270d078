import { createHash } from 'node:crypto';

/**
 * The stored form of a bearer secret (a public page's session token, a card button's action
 * token): SHA-256, hex. The tokens are 256-bit random, so a plain hash is enough: a stolen table
 * gives no usable token, and a lookup by hash stays one indexed equality.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
