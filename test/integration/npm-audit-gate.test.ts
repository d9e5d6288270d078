import { describe, expect, it } from 'vitest';
import { judgeAudit } from '../../scripts/lib/npm-audit-gate.js';

/** The CI gate's verdict on what `npm audit --omit=dev --json` prints (audit report v2, npm 7+). */
const report = (counts: Record<string, number>, vulnerabilities: Record<string, { severity: string }> = {}) =>
  JSON.stringify({ auditReportVersion: 2, vulnerabilities, metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, ...counts, total: 0 } } });

describe('judgeAudit', () => {
  it('passes a report without high or critical findings, and says what it saw', () => {
    const verdict = judgeAudit(report({ moderate: 2, low: 1 }), { required: true });
    expect(verdict).toEqual({ exitCode: 0, lines: ['npm audit (production dependencies): 0 critical, 0 high, 2 moderate, 1 low: no high or critical finding'] });
  });

  it('fails on a high or a critical finding and names the packages', () => {
    const verdict = judgeAudit(report({ high: 1, critical: 1, low: 3 }, { 'some-lib': { severity: 'high' }, 'other-lib': { severity: 'critical' }, minor: { severity: 'low' } }), { required: false });
    expect(verdict.exitCode).toBe(1);
    expect(verdict.lines).toEqual(['npm audit (production dependencies): 1 critical, 1 high, 0 moderate, 3 low: 2 high or critical', '  critical: other-lib', '  high: some-lib']);
  });

  it('reports an unreachable advisory endpoint (a mirror answering 405) as NOT CHECKED, failing only when required', () => {
    const mirror = JSON.stringify({ message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk', statusCode: 405, body: '' });
    expect(judgeAudit(mirror, { required: false })).toEqual({ exitCode: 0, lines: [expect.stringMatching(/^npm audit NOT CHECKED: the advisory endpoint did not answer \(405 Method Not Allowed/)] });
    expect(judgeAudit(mirror, { required: true }).exitCode).toBe(1);
    expect(judgeAudit('', { required: true }).exitCode).toBe(1);
    expect(judgeAudit('npm ERR! something', { required: false })).toMatchObject({ exitCode: 0, lines: [expect.stringContaining('printed no JSON')] });
  });
});
