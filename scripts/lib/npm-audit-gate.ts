/**
 * The CI gate on `npm audit --omit=dev --json` (issue 7: no high or critical finding in what
 * ships). Pure, so the verdict on each shape npm prints is tested without the network.
 *
 * Shapes (npm 7+ audit report v2): a report has `metadata.vulnerabilities` with counts by
 * severity and `vulnerabilities` by package name; an unreachable advisory endpoint prints the
 * HTTP failure instead (`statusCode`, `message`), e.g. a registry mirror that answers 405 to
 * `POST /-/npm/v1/security/advisories/bulk`.
 */
export interface AuditVerdict {
  /** 0 pass (or not checkable and not required), 1 fail. */
  readonly exitCode: 0 | 1;
  readonly lines: readonly string[];
}

const BLOCKING = ['high', 'critical'] as const;

export function judgeAudit(output: string, options: { readonly required: boolean }): AuditVerdict {
  let report: Record<string, unknown>;
  try {
    report = JSON.parse(output) as Record<string, unknown>;
  } catch {
    return unchecked('npm audit printed no JSON', options.required);
  }
  const counts = (report.metadata as { vulnerabilities?: Record<string, number> } | undefined)?.vulnerabilities;
  if (!counts) {
    const why = typeof report.message === 'string' ? report.message : typeof report.statusCode === 'number' ? `HTTP ${report.statusCode}` : 'no report';
    return unchecked(`the advisory endpoint did not answer (${why})`, options.required);
  }
  const blocking = BLOCKING.reduce((sum, severity) => sum + (counts[severity] ?? 0), 0);
  const summary = ['critical', 'high', 'moderate', 'low'].map((severity) => `${counts[severity] ?? 0} ${severity}`).join(', ');
  if (blocking === 0) return { exitCode: 0, lines: [`npm audit (production dependencies): ${summary}: no high or critical finding`] };
  const packages = Object.entries((report.vulnerabilities ?? {}) as Record<string, { severity?: string; via?: unknown[] }>)
    .filter(([, v]) => (BLOCKING as readonly string[]).includes(v.severity ?? ''))
    .map(([name, v]) => `  ${v.severity}: ${name}`)
    .sort();
  return { exitCode: 1, lines: [`npm audit (production dependencies): ${summary}: ${blocking} high or critical`, ...packages] };
}

function unchecked(reason: string, required: boolean): AuditVerdict {
  return required
    ? { exitCode: 1, lines: [`npm audit could not check the dependencies: ${reason}; NPM_AUDIT_REQUIRED=1, so this fails.`] }
    : { exitCode: 0, lines: [`npm audit NOT CHECKED: ${reason}. Set NPM_AUDIT_REQUIRED=1 where the registry serves audits.`] };
}
