/**
 * Teams Toolkit style placeholders, `${{NAME}}`, in the app package's JSON files.
 *
 * Why we substitute in parsed JSON rather than in the raw text: a value with a quote or a
 * backslash can then never break (or inject into) the JSON structure.
 */

/** Matches one `${{NAME}}` (spaces inside the braces allowed, as the toolkit allows them). */
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** A JSON value as `JSON.parse` returns it. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Every placeholder name used in `value` (in strings only; object keys are left alone). */
export function placeholderNames(value: Json, into = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    for (const match of value.matchAll(PLACEHOLDER)) into.add(match[1]!);
  } else if (Array.isArray(value)) {
    for (const item of value) placeholderNames(item, into);
  } else if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) placeholderNames(item, into);
  }
  return into;
}

/**
 * Returns a copy of `value` with every `${{NAME}}` replaced by `values.get(NAME)`. The caller
 * checks first (with {@link placeholderNames}) that every name has a value; a name without one
 * here is a programming error and throws.
 */
export function substitutePlaceholders(value: Json, values: ReadonlyMap<string, string>): Json {
  if (typeof value === 'string') {
    return value.replace(PLACEHOLDER, (_whole, name: string) => {
      const replacement = values.get(name);
      if (replacement === undefined) throw new Error(`no value for placeholder ${name}`);
      return replacement;
    });
  }
  if (Array.isArray(value)) return value.map((item) => substitutePlaceholders(item, values));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitutePlaceholders(v, values)]));
  }
  return value;
}
