import { spawnSync } from 'node:child_process';
import { judgeAudit } from './lib/npm-audit-gate.js';

/**
 * `npm run audit:prod`: runs `npm audit --omit=dev --json` and fails on a high or critical
 * finding (scripts/lib/npm-audit-gate.ts). An advisory endpoint that cannot be reached (a mirror
 * answering 405) is reported as NOT CHECKED and passes, unless NPM_AUDIT_REQUIRED=1.
 */
const result = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const verdict = judgeAudit(result.stdout ?? '', { required: process.env.NPM_AUDIT_REQUIRED === '1' });
for (const line of verdict.lines) console.log(line);
process.exit(verdict.exitCode);
