/**
 * Parses a Teams Toolkit style `.env` file (`env/.env.<environment>`): `KEY=VALUE` lines, blank
 * lines and `#` comments allowed, optional `export ` prefix, values optionally in single or double
 * quotes. No variable expansion and no multi-line values.
 *
 * Why not `dotenv`: it is not a dependency, and the package build needs only this much; being
 * strict (a malformed line is an error naming its line number) avoids silently dropping a setting.
 */
export function parseEnvFile(text: string, source = '.env'): Map<string, string> {
  const values = new Map<string, string>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(trimmed);
    if (!match) throw new Error(`${source}:${index + 1}: expected KEY=VALUE, got ${JSON.stringify(trimmed)}`);
    const key = match[1]!;
    let value = match[2]!;
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.length >= 2 && value.endsWith(quote)) {
      value = value.slice(1, -1);
      if (quote === '"') value = value.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
    } else {
      // An unquoted value may carry a trailing comment: `PORT=3978 # default`.
      value = value.replace(/\s+#.*$/, '').trim();
    }
    values.set(key, value);
  });
  return values;
}
