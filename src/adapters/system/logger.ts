import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Structured logs (pino). Personal data must never reach a log line (DESIGN.md privacy), so the
 * fields that can carry it are censored wherever they appear, at any of the depths we log.
 * Callers log ids, codes and counts — this list is the safety net, not the policy.
 */
const PERSONAL_FIELDS = ['name', 'displayName', 'givenName', 'surname', 'email', 'mail', 'phone', 'text', 'value', 'description', 'notes', 'userPrincipalName'];
const SECRETS = ['authorization', 'Authorization', 'password', 'clientSecret', 'access_token', 'token'];

export const REDACT_PATHS: readonly string[] = [
  ...[...PERSONAL_FIELDS, ...SECRETS].flatMap((f) => [f, `*.${f}`, `*.*.${f}`]),
  'req.headers.authorization',
  'headers.authorization',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'neuvo' },
      redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
