import { z } from 'zod';
import { DEFAULT_FIELD_MAPPING, fieldMappingProblems, type FieldMapping } from '../domain/register/register-record.js';

/**
 * The municipalities' own registers that contacts are copied to (issue 4), from
 * `REGISTER_SINKS`: a JSON array, one entry per register. Secrets are not in it: `tokenSetting`
 * names ANOTHER environment variable that holds the bearer token, so the JSON can sit in plain
 * app settings and the token in Key Vault (a Key Vault reference per setting).
 *
 * ```json
 * [{ "id": "joensuu-api", "kind": "rest", "municipalities": ["joensuu"],
 *    "baseUrl": "https://register.joensuu.example/api", "tokenSetting": "REGISTER_TOKEN_JOENSUU",
 *    "fieldMap": { "clientRef": "asiakas_id", "startedAt": "aika", "topics": "aiheet" } },
 *  { "id": "liperi-list", "kind": "graph_list", "municipalities": ["liperi", "outokumpu"],
 *    "siteId": "contoso.sharepoint.com,…", "listId": "…" }]
 * ```
 * `fieldMap` absent = every field under our own name except the notes.
 */
export type RegisterSinkConfig =
  | { readonly id: string; readonly kind: 'rest'; readonly municipalities: readonly string[]; readonly fieldMap: FieldMapping; readonly baseUrl: string; readonly token: string }
  | {
      readonly id: string;
      readonly kind: 'graph_list';
      readonly municipalities: readonly string[];
      readonly fieldMap: FieldMapping;
      readonly siteId: string;
      readonly listId: string;
      readonly keyColumn: string;
      readonly revisionColumn: string;
    };

const common = {
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'id: a-z, 0-9, _ or -'),
  municipalities: z.array(z.string().min(1)).min(1),
  fieldMap: z.record(z.string()).optional(),
};
const column = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/);
const SinkSchema = z.discriminatedUnion('kind', [
  z.object({ ...common, kind: z.literal('rest'), baseUrl: z.string().url(), tokenSetting: z.string().regex(/^[A-Z][A-Z0-9_]*$/) }).strict(),
  z
    .object({ ...common, kind: z.literal('graph_list'), siteId: z.string().min(1), listId: z.string().min(1), keyColumn: column.optional(), revisionColumn: column.optional() })
    .strict(),
]);

/** Parses REGISTER_SINKS; every problem goes to `problems` (reported together at start). */
export function parseRegisterSinks(
  raw: string | undefined,
  env: NodeJS.ProcessEnv,
  context: { readonly graphConfigured: boolean; readonly production: boolean },
  problems: string[],
): RegisterSinkConfig[] {
  if (!raw) return [];
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    problems.push('REGISTER_SINKS is not valid JSON (an array of register entries; see docs/register-api.md).');
    return [];
  }
  const parsed = z.array(SinkSchema).safeParse(json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`REGISTER_SINKS[${issue.path.join('.')}]: ${issue.message}`);
    return [];
  }
  const ids = new Set<string>();
  return parsed.data.flatMap((entry): RegisterSinkConfig[] => {
    const where = `REGISTER_SINKS "${entry.id}"`;
    if (ids.has(entry.id)) problems.push(`${where}: the id is used twice.`);
    ids.add(entry.id);
    const fieldMap = entry.fieldMap ?? DEFAULT_FIELD_MAPPING;
    for (const problem of fieldMappingProblems(fieldMap)) problems.push(`${where}: fieldMap: ${problem}.`);
    if (entry.kind === 'graph_list') {
      if (!context.graphConfigured) problems.push(`${where}: a graph_list register needs Microsoft Graph (GRAPH_CLIENT_ID …).`);
      return [{ ...entry, fieldMap, keyColumn: entry.keyColumn ?? 'ContactKey', revisionColumn: entry.revisionColumn ?? 'NeuvoRevision' }];
    }
    const token = env[entry.tokenSetting]?.trim();
    if (!token) problems.push(`${where}: the token setting ${entry.tokenSetting} is empty.`);
    // The register gets personal data: in production only over TLS, unless it is a receiver on
    // the same machine (loopback never leaves the host).
    if (context.production && !entry.baseUrl.startsWith('https://') && !isLoopbackUrl(entry.baseUrl)) problems.push(`${where}: baseUrl must be https:// in production.`);
    const { tokenSetting: _setting, ...rest } = entry;
    return [{ ...rest, fieldMap, token: token ?? '' }];
  });
}

function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}
