import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import type { Json } from './placeholders.js';

/**
 * Offline validation of the Teams app manifest and its localization files against the JSON
 * schemas that `@microsoft/app-manifest` ships in `build/json-schemas/teams/v<version>/`.
 *
 * Why this way: the package's convenience validators DOWNLOAD the schema named in `$schema`.
 * Our machines send nothing beyond loopback, so we always read the bundled schema file and pass
 * it explicitly to `AppManifestUtils.validateAgainstSchema(manifest, schema)`, which then only
 * runs ajv locally.
 */

/** The two schema files we validate against. */
export type SchemaKind = 'manifest' | 'localization';

const SCHEMA_FILE: Record<SchemaKind, string> = {
  manifest: 'MicrosoftTeams.schema.json',
  localization: 'MicrosoftTeams.Localization.schema.json',
};

type Validate = typeof AppManifestUtils.validateAgainstSchema;
type ManifestArg = Parameters<Validate>[0];
type SchemaArg = NonNullable<Parameters<Validate>[1]>;

/** The `$schema` URL a file of this kind and version must carry (what Teams Toolkit expects). */
export function schemaUrl(version: string, kind: SchemaKind): string {
  return `https://developer.microsoft.com/json-schemas/teams/v${version}/${SCHEMA_FILE[kind]}`;
}

/** Folder of the bundled Teams schemas, found through Node's resolver (no hard-coded node_modules). */
function bundledSchemaRoot(): string {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve('@microsoft/app-manifest/package.json');
  return join(dirname(packageJson), 'build', 'json-schemas', 'teams');
}

/**
 * Reads the bundled schema for `version` (e.g. "1.22"). Throws when that version is not bundled,
 * rather than falling back to a download.
 */
export function loadBundledSchema(version: string, kind: SchemaKind): Json {
  if (!/^\d+\.\d+$/.test(version)) throw new Error(`not a Teams manifest version: ${JSON.stringify(version)}`);
  const file = join(bundledSchemaRoot(), `v${version}`, SCHEMA_FILE[kind]);
  if (!existsSync(file)) throw new Error(`@microsoft/app-manifest does not bundle the v${version} ${kind} schema (${file})`);
  return unicodeSafeSchema(JSON.parse(readFileSync(file, 'utf8')) as Json);
}

/**
 * Escapes a `]` that stands outside a character class, e.g. `\[\b(…)\b]` → `\[\b(…)\b\]`.
 * Both spellings mean the same, but ajv compiles patterns with the `u` flag, under which a lone
 * `]` is a syntax error ("Lone quantifier brackets") — and two patternProperties keys of the
 * Microsoft localization schema (v1.22, `activities.activityTypes[…]`) are written that way.
 * Returns the pattern unchanged when it already compiles.
 */
export function unicodeSafePattern(pattern: string): string {
  if (compilesAsUnicode(pattern)) return pattern;
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\') {
      out += ch + (pattern[i + 1] ?? '');
      i++;
    } else if (ch === '[' && !inClass) {
      inClass = true;
      out += ch;
    } else if (ch === ']' && inClass) {
      inClass = false;
      out += ch;
    } else if (ch === ']') {
      out += '\\]';
    } else {
      out += ch;
    }
  }
  if (!compilesAsUnicode(out)) throw new Error(`schema pattern cannot be compiled with the u flag: ${pattern}`);
  return out;
}

function compilesAsUnicode(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

/** Applies {@link unicodeSafePattern} to every `pattern` value and `patternProperties` key. */
function unicodeSafeSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(unicodeSafeSchema);
  if (node === null || typeof node !== 'object') return node;
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'pattern' && typeof value === 'string') {
      out[key] = unicodeSafePattern(value);
    } else if (key === 'patternProperties' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([p, sub]) => [unicodeSafePattern(p), unicodeSafeSchema(sub)]));
    } else {
      out[key] = unicodeSafeSchema(value);
    }
  }
  return out;
}

/**
 * Validates `document` against the bundled schema of `version`, offline. Returns the problems as
 * readable strings (JSON pointer + message); an empty array means valid. Also checks that the
 * document's own `$schema` names the same version, so the file and the validator cannot drift.
 */
export async function validateOffline(document: Json, version: string, kind: SchemaKind): Promise<string[]> {
  const schema = loadBundledSchema(version, kind);
  const problems: string[] = [];
  const declared = document !== null && typeof document === 'object' && !Array.isArray(document) ? document.$schema : undefined;
  if (declared !== schemaUrl(version, kind)) {
    problems.push(`/$schema must be ${schemaUrl(version, kind)}, found ${JSON.stringify(declared ?? null)}`);
  }
  // The schema argument is always given, so the library never fetches anything.
  const errors = await AppManifestUtils.validateAgainstSchema(document as unknown as ManifestArg, schema as unknown as SchemaArg);
  return [...problems, ...errors];
}
