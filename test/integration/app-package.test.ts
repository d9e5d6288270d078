import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppPackageError, buildAppPackage, LOCAL_DEFAULTS, type AppPackageResult } from '../../scripts/package-app.js';
import { crc32 } from '../../scripts/lib/crc32.js';
import { parseEnvFile } from '../../scripts/lib/env-file.js';
import { validateOffline } from '../../scripts/lib/manifest-schema.js';
import type { Json } from '../../scripts/lib/placeholders.js';
import { decodePng } from '../../scripts/lib/png.js';

/**
 * The Teams app package, built in-process into a temp folder: what Teams will receive must be a
 * valid zip with exactly the expected files at its root, a manifest that passes the bundled schema
 * (offline), and icons that follow Teams' rules. The zip is read back with a reader written here,
 * independent of the writer under test.
 */

const EXPECTED_FILES = ['manifest.json', 'fi.json', 'sv.json', 'color.png', 'outline.png'];
const BOT_ID = '6a1f5f0e-3c2b-4d7e-9a18-0f2e4b6c8d01';
const TEAMS_APP_ID = 'd4c3b2a1-0f9e-4d8c-8b7a-6e5d4c3b2a10';

/** Reads a ZIP via its end record and central directory, inflating each entry and checking its CRC. */
function readZip(zip: Buffer): Map<string, Buffer> {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('no end of central directory record');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central directory header #${i}`);
    const method = zip.readUInt16LE(p + 10);
    const crc = zip.readUInt32LE(p + 16);
    const compressedSize = zip.readUInt32LE(p + 20);
    const size = zip.readUInt32LE(p + 24);
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    const localOffset = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLength);
    if (zip.readUInt32LE(localOffset) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const raw = zip.subarray(dataStart, dataStart + compressedSize);
    const data = method === 8 ? inflateRawSync(raw) : method === 0 ? Buffer.from(raw) : undefined;
    if (!data) throw new Error(`${name}: unsupported method ${method}`);
    if (data.length !== size) throw new Error(`${name}: size ${data.length} ≠ ${size}`);
    if (crc32(data) !== crc) throw new Error(`${name}: CRC mismatch`);
    files.set(name, data);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

let work: string;
let emptyEnvDir: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'neuvo-app-package-'));
  emptyEnvDir = await mkdtemp(join(tmpdir(), 'neuvo-app-package-env-'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  await rm(emptyEnvDir, { recursive: true, force: true });
});

beforeEach(() => {
  // Nothing here may leave the machine: validation must use the bundled schema, never download it.
  vi.stubGlobal('fetch', () => Promise.reject(new Error('network access attempted during app package build')));
  return () => vi.unstubAllGlobals();
});

describe('crc32', () => {
  it('matches the standard check value', () => {
    expect(crc32(Buffer.from('123456789', 'ascii'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    // Continuing over pieces equals the whole.
    expect(crc32(Buffer.from('56789'), crc32(Buffer.from('1234')))).toBe(0xcbf43926);
  });
});

describe('env file parser', () => {
  it('reads KEY=VALUE with comments, blank lines, quotes and trailing comments', () => {
    const parsed = parseEnvFile('# comment\n\nBOT_ID=abc\nexport BOT_DOMAIN = "x.example" \nAPP_NAME_SUFFIX=\nPORT=3978 # default\n');
    expect(Object.fromEntries(parsed)).toEqual({ BOT_ID: 'abc', BOT_DOMAIN: 'x.example', APP_NAME_SUFFIX: '', PORT: '3978' });
    expect(() => parseEnvFile('not a pair', 'env/.env.x')).toThrow(/env\/\.env\.x:1/);
  });
});

describe('Teams app package', () => {
  let result: AppPackageResult;
  let files: Map<string, Buffer>;

  beforeAll(async () => {
    result = await buildAppPackage({
      env: 'local',
      outDir: work,
      envDir: emptyEnvDir,
      variables: { BOT_ID, TEAMS_APP_ID },
    });
    files = readZip(await readFile(result.zipPath));
  });

  it('is a zip with exactly the five files at its root', async () => {
    expect(result.zipPath).toBe(join(work, 'appPackage.local.zip'));
    expect(result.size).toBe((await readFile(result.zipPath)).length);
    expect([...files.keys()].sort()).toEqual([...EXPECTED_FILES].sort());
  });

  it('carries the substituted ids and no placeholder is left anywhere', () => {
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as { id: string; bots: { botId: string }[]; validDomains: string[] };
    expect(manifest.id).toBe(TEAMS_APP_ID);
    expect(manifest.bots[0]!.botId).toBe(BOT_ID);
    expect(manifest.validDomains).toEqual([LOCAL_DEFAULTS.BOT_DOMAIN, LOCAL_DEFAULTS.TAB_DOMAIN]);
    for (const name of ['manifest.json', 'fi.json', 'sv.json']) expect(files.get(name)!.toString('utf8')).not.toContain('${{');
    // Only the names not given fell back to the local defaults.
    expect(result.defaultsUsed).toEqual(['AAD_APP_CLIENT_ID', 'APP_NAME_SUFFIX', 'BOT_DOMAIN', 'TAB_DOMAIN']);
  });

  it('is a meeting extension: the side panel in meetings, SSO for it, and the RSC permissions for meeting events', () => {
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as Record<string, unknown>;
    expect(manifest.configurableTabs).toEqual([
      expect.objectContaining({ configurationUrl: 'https://localhost/tab/configure', scopes: ['groupChat'], context: ['meetingSidePanel', 'meetingDetailsTab', 'meetingChatTab'] }),
    ]);
    expect(manifest.webApplicationInfo).toEqual({ id: LOCAL_DEFAULTS.AAD_APP_CLIENT_ID, resource: `api://localhost/${LOCAL_DEFAULTS.AAD_APP_CLIENT_ID}` });
    expect(manifest.authorization).toEqual({
      permissions: { resourceSpecific: [{ name: 'OnlineMeeting.ReadBasic.Chat', type: 'Application' }, { name: 'OnlineMeetingParticipant.Read.Chat', type: 'Application' }] },
    });
    expect((manifest.bots as { scopes: string[] }[])[0]!.scopes).toEqual(['personal', 'groupChat', 'team']);
  });

  it('has the advisers\' tab as two personal static tabs on the tab domain, named in fi and sv too', () => {
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as { staticTabs: Record<string, unknown>[] };
    expect(manifest.staticTabs).toEqual([
      { entityId: 'neuvo-session-log', name: 'Session log', contentUrl: 'https://localhost/tab/session-log', websiteUrl: 'https://localhost/tab/session-log', scopes: ['personal'], context: ['personalTab'] },
      { entityId: 'neuvo-reports', name: 'Reports', contentUrl: 'https://localhost/tab/reports', websiteUrl: 'https://localhost/tab/reports', scopes: ['personal'], context: ['personalTab'] },
    ]);
    const names = (file: string) => {
      const json = JSON.parse(files.get(file)!.toString('utf8')) as Record<string, string>;
      return [json['staticTabs[0].name'], json['staticTabs[1].name']];
    };
    expect(names('fi.json')).toEqual(['Asiointikirjaukset', 'Raportit']);
    expect(names('sv.json')).toEqual(['Besöksanteckningar', 'Rapporter']);
  });

  it("has the expert channel's message extension: knowledge-base search (query) and ask an expert (action with a dialog), named in fi and sv", () => {
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as { bots: { botId: string }[]; composeExtensions: { botId: string; commands: { id: string; type: string; title: string; fetchTask?: boolean; context: string[] }[] }[] };
    const [extension] = manifest.composeExtensions;
    expect(extension?.botId).toBe(manifest.bots[0]?.botId);
    expect(extension?.commands.map((c) => [c.id, c.type, c.fetchTask ?? false, c.context])).toEqual([
      ['searchKnowledgeBase', 'query', false, ['compose', 'commandBox']],
      ['askExpert', 'action', true, ['message', 'compose', 'commandBox']],
    ]);
    const titles = (file: string) => {
      const json = JSON.parse(files.get(file)!.toString('utf8')) as Record<string, string>;
      return [json['composeExtensions[0].commands[0].title'], json['composeExtensions[0].commands[1].title']];
    };
    expect(titles('fi.json')).toEqual(['Tietopankki', 'Kysy asiantuntijalta']);
    expect(titles('sv.json')).toEqual(['Kunskapsbank', 'Fråga en expert']);
    expect(extension?.commands.map((c) => c.title)).toEqual(['Knowledge base', 'Ask an expert']);
  });

  it('localizes only strings the manifest has: every fi/sv key names an English string at that path, and both languages cover the same ones', () => {
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as Json;
    // "composeExtensions[0].commands[1].title" → manifest.composeExtensions[0].commands[1].title; a
    // reordered command or a removed parameter would otherwise leave a translation on the wrong text.
    const at = (path: string): unknown =>
      path.split('.').reduce<unknown>((node, part) => {
        const [, name, index] = /^([^[]+)(?:\[(\d+)\])?$/.exec(part) ?? [];
        const child = node && typeof node === 'object' && name ? (node as Record<string, unknown>)[name] : undefined;
        return index === undefined ? child : Array.isArray(child) ? child[Number(index)] : undefined;
      }, manifest);
    const keys = (file: string) => Object.keys(JSON.parse(files.get(file)!.toString('utf8')) as Record<string, string>).filter((k) => k !== '$schema');
    for (const file of ['fi.json', 'sv.json']) {
      expect(keys(file).filter((k) => typeof at(k) !== 'string'), file).toEqual([]);
    }
    expect(keys('sv.json')).toEqual(keys('fi.json'));
    expect(keys('fi.json')).toEqual(expect.arrayContaining(['composeExtensions[0].commands[0].description', 'composeExtensions[0].commands[0].parameters[0].title', 'composeExtensions[0].commands[1].description']));
  });

  it('validates against the bundled schema, offline, and a broken manifest fails', async () => {
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as { manifestVersion: string } & { [k: string]: Json };
    expect(await validateOffline(manifest, manifest.manifestVersion, 'manifest')).toEqual([]);
    for (const name of ['fi.json', 'sv.json']) {
      expect(await validateOffline(JSON.parse(files.get(name)!.toString('utf8')) as Json, manifest.manifestVersion, 'localization')).toEqual([]);
    }

    const badBotId = { ...manifest, bots: [{ botId: 'not-a-guid', scopes: ['personal'] }] };
    expect((await validateOffline(badBotId, manifest.manifestVersion, 'manifest')).join('\n')).toMatch(/\/bots\/0\/botId/);
    // The static tabs' scopes are checked too (a scope Teams does not know is refused).
    const badScope = { ...manifest, staticTabs: [{ entityId: 'x', scopes: ['nonsense'] }] };
    expect((await validateOffline(badScope, manifest.manifestVersion, 'manifest')).join('\n')).toMatch(/\/staticTabs\/0\/scopes/);
    const { developer: _developer, ...withoutDeveloper } = manifest;
    expect((await validateOffline(withoutDeveloper, manifest.manifestVersion, 'manifest')).join('\n')).toMatch(/developer/);
  });

  it('has a 192×192 colour icon and a 32×32 outline icon of white and transparent pixels only', () => {
    const color = decodePng(files.get('color.png')!);
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = decodePng(files.get('outline.png')!);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let opaque = 0;
    let transparent = 0;
    for (let i = 0; i < outline.pixels.length; i += 4) {
      const [r, g, b, a] = [outline.pixels[i]!, outline.pixels[i + 1]!, outline.pixels[i + 2]!, outline.pixels[i + 3]!];
      expect(a === 0 || (r === 255 && g === 255 && b === 255)).toBe(true);
      if (a === 255) opaque++;
      if (a === 0) transparent++;
    }
    // Not a blank icon either way.
    expect(opaque).toBeGreaterThan(100);
    expect(transparent).toBeGreaterThan(100);
  });

  it('is reproducible: the same inputs give the same bytes', async () => {
    const again = await buildAppPackage({ env: 'local', outDir: join(work, 'again'), envDir: emptyEnvDir, variables: { BOT_ID, TEAMS_APP_ID } });
    expect((await readFile(again.zipPath)).equals(await readFile(result.zipPath))).toBe(true);
  });

  it('reads values from env/.env.<env>, with the process environment winning', async () => {
    const envDir = await mkdtemp(join(tmpdir(), 'neuvo-app-package-envfile-'));
    try {
      await writeFile(
        join(envDir, '.env.dev'),
        `# dev\nTEAMS_APP_ID=${TEAMS_APP_ID}\nBOT_ID=11111111-1111-1111-1111-111111111111\nBOT_DOMAIN=neuvo-dev.azurewebsites.net\nAPP_NAME_SUFFIX=-dev\nAAD_APP_CLIENT_ID=22222222-2222-2222-2222-222222222222\nTAB_DOMAIN=neuvo-dev.azurewebsites.net\n`,
      );
      const dev = await buildAppPackage({ env: 'dev', outDir: work, envDir, variables: { BOT_ID } });
      const manifest = JSON.parse(readZip(await readFile(dev.zipPath)).get('manifest.json')!.toString('utf8')) as {
        bots: { botId: string }[];
        validDomains: string[];
        name: { short: string };
      };
      expect(manifest.bots[0]!.botId).toBe(BOT_ID);
      expect(manifest.validDomains).toEqual(['neuvo-dev.azurewebsites.net', 'neuvo-dev.azurewebsites.net']);
      expect(manifest.name.short).toBe('Neuvo-dev');
      expect(dev.defaultsUsed).toEqual([]);
    } finally {
      await rm(envDir, { recursive: true, force: true });
    }
  });

  it('names every missing placeholder at once outside the local environment', async () => {
    const attempt = buildAppPackage({ env: 'dev', outDir: work, envDir: emptyEnvDir, variables: { BOT_ID, APP_NAME_SUFFIX: '' } });
    await expect(attempt).rejects.toBeInstanceOf(AppPackageError);
    const error = (await attempt.catch((e: unknown) => e)) as AppPackageError;
    expect(error.missing).toEqual(['AAD_APP_CLIENT_ID', 'BOT_DOMAIN', 'TAB_DOMAIN', 'TEAMS_APP_ID']);
    expect(error.message).toContain('BOT_DOMAIN');
    expect(error.message).toContain('TEAMS_APP_ID');
  });

  it('rejects an invalid value through schema validation rather than packaging it', async () => {
    const attempt = buildAppPackage({ env: 'dev', outDir: work, envDir: emptyEnvDir, variables: { BOT_ID: 'not-a-guid', TEAMS_APP_ID, BOT_DOMAIN: 'x.example', TAB_DOMAIN: 'x.example', APP_NAME_SUFFIX: '', AAD_APP_CLIENT_ID: '22222222-2222-2222-2222-222222222222' } });
    await expect(attempt).rejects.toThrow(/botId/);
  });
});
