import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseEnvFile } from './lib/env-file.js';
import { drawColorIcon, drawOutlineIcon } from './lib/icons.js';
import { validateOffline } from './lib/manifest-schema.js';
import { placeholderNames, substitutePlaceholders, type Json } from './lib/placeholders.js';
import { decodePng, encodePng } from './lib/png.js';
import { createZip } from './lib/zip.js';

/**
 * `npm run package` — builds the Teams app package `appPackage/build/appPackage.<env>.zip` from
 * the templates in `appPackage/`, the way Teams Toolkit's `teamsApp/zipAppPackage` would, but
 * offline and testable:
 *
 * 1. values: `process.env`, then `env/.env.<TEAMSFX_ENV or local>` for names the environment does
 *    not set (Teams Toolkit's own precedence); in the `local` environment BOT_ID, TEAMS_APP_ID,
 *    BOT_DOMAIN and APP_NAME_SUFFIX fall back to {@link LOCAL_DEFAULTS};
 * 2. every `${{NAME}}` in manifest.json and the localization files is substituted — any name
 *    without a value is an error, and all of them are listed at once;
 * 3. the results are validated against the schema bundled in `@microsoft/app-manifest` (never
 *    downloaded), and the icons are checked (sizes, outline white-on-transparent);
 * 4. a reproducible zip is written with every file at the zip root.
 *
 * `--icons` (re)draws appPackage/color.png and outline.png instead.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The environment whose placeholders may fall back to {@link LOCAL_DEFAULTS}. */
export const LOCAL_ENV = 'local';

/**
 * Fallback values in the local environment only, so that `npm run package` works on a fresh
 * checkout (the package then suits the local Agents Playground, not a real tenant). The app id is
 * a fixed GUID so local builds are reproducible; it is no registered app.
 */
export const LOCAL_DEFAULTS: Readonly<Record<string, string>> = Object.freeze({
  BOT_ID: '00000000-0000-0000-0000-000000000000',
  TEAMS_APP_ID: 'a7f3c2d4-6e1b-4c8a-9f05-3b2d1e0c9a11',
  BOT_DOMAIN: 'localhost',
  TAB_DOMAIN: 'localhost',
  AAD_APP_CLIENT_ID: '00000000-0000-0000-0000-00000000c11e',
  APP_NAME_SUFFIX: '-local',
});

/** Placeholders whose value may legitimately be empty (e.g. no suffix in production). */
const MAY_BE_EMPTY = new Set(['APP_NAME_SUFFIX']);

/** What went wrong, as a list, so one run reports every missing value or schema problem. */
export class AppPackageError extends Error {
  override readonly name = 'AppPackageError';
  constructor(
    message: string,
    readonly problems: readonly string[],
    /** Placeholder names that had no value (empty when the failure was something else). */
    readonly missing: readonly string[] = [],
  ) {
    super(`${message}\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Options of {@link buildAppPackage}; everything defaults to the repository's own layout. */
export interface BuildAppPackageOptions {
  /** Teams Toolkit environment name (`local`, `dev`, …). Default: TEAMSFX_ENV, else `local`. */
  readonly env?: string;
  /** Where the zip goes. Default: appPackage/build. */
  readonly outDir?: string;
  /** Folder holding manifest.json, localization files and icons. Default: appPackage. */
  readonly appPackageDir?: string;
  /** Folder holding `.env.<env>` files. Default: env. */
  readonly envDir?: string;
  /** Variables that win over the env file. Default: process.env. */
  readonly variables?: Readonly<Record<string, string | undefined>>;
}

/** The outcome of a build, for the CLI's summary line and for tests. */
export interface AppPackageResult {
  readonly env: string;
  readonly zipPath: string;
  readonly size: number;
  /** Zip entry names, in order. */
  readonly files: readonly string[];
  /** Placeholder names that took a {@link LOCAL_DEFAULTS} value. */
  readonly defaultsUsed: readonly string[];
  /** The env file that was read, if any. */
  readonly envFile?: string;
  /** The substituted manifest as written into the zip. */
  readonly manifest: Json;
}

type JsonObject = { [key: string]: Json };

function asObject(value: Json, what: string): JsonObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${what} must be a JSON object`);
  return value;
}

function stringAt(obj: JsonObject, path: readonly string[], what: string): string {
  let cursor: Json = obj;
  for (const key of path) {
    cursor = asObject(cursor, what)[key] ?? null;
  }
  if (typeof cursor !== 'string') throw new Error(`${what}: ${path.join('.')} must be a string`);
  return cursor;
}

/** The files a manifest refers to (icons, localization files), relative to appPackage/. */
function referencedFiles(manifest: JsonObject): { icons: { color: string; outline: string }; localizations: string[] } {
  const color = stringAt(manifest, ['icons', 'color'], 'manifest.json');
  const outline = stringAt(manifest, ['icons', 'outline'], 'manifest.json');
  const info = manifest.localizationInfo;
  const localizations: string[] = [];
  if (info !== undefined) {
    const languages = asObject(info, 'localizationInfo').additionalLanguages ?? [];
    if (!Array.isArray(languages)) throw new Error('manifest.json: localizationInfo.additionalLanguages must be an array');
    for (const language of languages) localizations.push(stringAt(asObject(language, 'additionalLanguages[]'), ['file'], 'manifest.json'));
  }
  for (const file of [color, outline, ...localizations]) {
    if (file.includes('/') || file.includes('\\')) throw new Error(`manifest.json refers to ${file}: Teams expects every file at the package root`);
  }
  return { icons: { color, outline }, localizations };
}

/** Checks Teams' icon rules on the actual bytes: 192×192 colour, 32×32 outline in white/transparent only. */
export function iconProblems(color: Uint8Array, outline: Uint8Array): string[] {
  const problems: string[] = [];
  const c = decodePng(color);
  if (c.width !== 192 || c.height !== 192) problems.push(`color icon must be 192×192, is ${c.width}×${c.height}`);
  const o = decodePng(outline);
  if (o.width !== 32 || o.height !== 32) problems.push(`outline icon must be 32×32, is ${o.width}×${o.height}`);
  let offending = 0;
  for (let i = 0; i < o.pixels.length; i += 4) {
    const transparent = o.pixels[i + 3] === 0;
    const white = o.pixels[i] === 255 && o.pixels[i + 1] === 255 && o.pixels[i + 2] === 255;
    if (!transparent && !white) offending++;
  }
  if (offending > 0) problems.push(`outline icon must be white on transparent; ${offending} pixel(s) are neither`);
  return problems;
}

async function readJson(path: string): Promise<Json> {
  const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text) as Json;
  } catch (error) {
    throw new Error(`${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Builds the Teams app package for one environment and returns where it went. Throws
 * {@link AppPackageError} listing every missing placeholder, or every schema/icon problem.
 */
export async function buildAppPackage(options: BuildAppPackageOptions = {}): Promise<AppPackageResult> {
  const variables = options.variables ?? process.env;
  const env = options.env ?? (variables.TEAMSFX_ENV || LOCAL_ENV);
  if (!/^[A-Za-z0-9_-]+$/.test(env)) throw new Error(`invalid environment name: ${JSON.stringify(env)}`);
  const appPackageDir = options.appPackageDir ?? join(ROOT, 'appPackage');
  const outDir = options.outDir ?? join(appPackageDir, 'build');
  const envDir = options.envDir ?? join(ROOT, 'env');

  // 1. Values: the process environment wins over the env file, as in Teams Toolkit.
  const values = new Map<string, string>();
  const envFilePath = join(envDir, `.env.${env}`);
  const envFile = existsSync(envFilePath) ? envFilePath : undefined;
  if (envFile) for (const [k, v] of parseEnvFile(await readFile(envFile, 'utf8'), envFile)) values.set(k, v);
  for (const [k, v] of Object.entries(variables)) if (v !== undefined) values.set(k, v);

  // 2. Templates and the placeholders they use.
  const manifestTemplate = asObject(await readJson(join(appPackageDir, 'manifest.json')), 'manifest.json');
  const refs = referencedFiles(manifestTemplate);
  const localizationTemplates = await Promise.all(refs.localizations.map(async (file) => [file, await readJson(join(appPackageDir, file))] as const));
  const names = placeholderNames(manifestTemplate);
  for (const [, template] of localizationTemplates) placeholderNames(template, names);

  const defaultsUsed: string[] = [];
  const missing: string[] = [];
  for (const name of [...names].sort()) {
    const value = values.get(name);
    if (value !== undefined && (value !== '' || MAY_BE_EMPTY.has(name))) continue;
    const fallback = env === LOCAL_ENV ? LOCAL_DEFAULTS[name] : undefined;
    if (fallback !== undefined) {
      values.set(name, fallback);
      defaultsUsed.push(name);
    } else {
      missing.push(name);
    }
  }
  if (missing.length > 0) {
    throw new AppPackageError(
      `Cannot build the "${env}" app package: ${missing.length} placeholder(s) have no value. Set them in the environment or in ${relative(process.cwd(), envFilePath) || envFilePath}:`,
      missing.map((name) => `${name} (used as \${{${name}}})`),
      missing,
    );
  }
  const domain = values.get('BOT_DOMAIN');
  if (domain !== undefined && names.has('BOT_DOMAIN') && !/^[A-Za-z0-9.-]+(:\d+)?$/.test(domain)) {
    throw new AppPackageError(`Cannot build the "${env}" app package:`, [`BOT_DOMAIN must be a bare host name (no scheme or path), got ${JSON.stringify(domain)}`]);
  }

  // 3. Substitute and validate offline against the bundled schema of the manifest's version.
  const manifest = asObject(substitutePlaceholders(manifestTemplate, values), 'manifest.json');
  const version = stringAt(manifest, ['manifestVersion'], 'manifest.json');
  const problems = (await validateOffline(manifest, version, 'manifest')).map((p) => `manifest.json ${p}`);
  const localizations: { file: string; json: Json }[] = [];
  for (const [file, template] of localizationTemplates) {
    const json = substitutePlaceholders(template, values);
    localizations.push({ file, json });
    problems.push(...(await validateOffline(json, version, 'localization')).map((p) => `${file} ${p}`));
  }
  const color = await readFile(join(appPackageDir, refs.icons.color));
  const outline = await readFile(join(appPackageDir, refs.icons.outline));
  problems.push(...iconProblems(color, outline));
  if (problems.length > 0) {
    throw new AppPackageError(`The "${env}" app package does not validate against the bundled v${version} schema:`, problems);
  }

  // 4. Zip: manifest first, then localization files, then icons — all at the root.
  const entries = [
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') },
    ...localizations.map(({ file, json }) => ({ name: file, data: Buffer.from(`${JSON.stringify(json, null, 2)}\n`, 'utf8') })),
    { name: refs.icons.color, data: color },
    { name: refs.icons.outline, data: outline },
  ];
  const zip = createZip(entries);
  await mkdir(outDir, { recursive: true });
  const zipPath = join(outDir, `appPackage.${env}.zip`);
  await writeFile(zipPath, zip);
  return {
    env,
    zipPath,
    size: zip.length,
    files: entries.map((e) => e.name),
    defaultsUsed,
    ...(envFile ? { envFile } : {}),
    manifest,
  };
}

/** Draws the two icons into `appPackageDir` (default appPackage/) and returns their paths. */
export async function writeIcons(appPackageDir = join(ROOT, 'appPackage')): Promise<string[]> {
  await mkdir(appPackageDir, { recursive: true });
  const color = join(appPackageDir, 'color.png');
  const outline = join(appPackageDir, 'outline.png');
  await writeFile(color, encodePng(drawColorIcon()));
  await writeFile(outline, encodePng(drawOutlineIcon()));
  return [color, outline];
}

async function main(argv: readonly string[]): Promise<void> {
  if (argv.includes('--icons')) {
    const paths = await writeIcons();
    console.log(`icons written: ${paths.map((p) => relative(process.cwd(), p)).join(', ')}`);
    return;
  }
  const envArg = argv.find((a) => a.startsWith('--env='))?.slice('--env='.length);
  const result = await buildAppPackage(envArg ? { env: envArg } : {});
  if (result.defaultsUsed.length > 0) {
    console.log(
      `local defaults used (ids not registered anywhere; for local tools only): ${result.defaultsUsed
        .map((name) => `${name}=${LOCAL_DEFAULTS[name]}`)
        .join(', ')}`,
    );
  }
  console.log(`app package (${result.env}): ${relative(process.cwd(), result.zipPath)} ${result.size} bytes, ${result.files.length} files, validated offline against the bundled schema`);
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
