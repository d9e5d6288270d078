import { appendFileSync } from 'node:fs';

/** One measured figure set; `npm run bench -- --json FILE` collects them into FILE. */
export interface BenchResult {
  readonly scenario: string;
  readonly [figure: string]: string | number;
}

/**
 * Appends a result for the launcher (bench/run.ts) to collect. Each bench runs in its own process,
 * so results travel through a JSON-lines file named by BENCH_RESULTS_FILE.
 */
export function recordResult(result: BenchResult): void {
  const file = process.env.BENCH_RESULTS_FILE;
  if (file) appendFileSync(file, `${JSON.stringify(result)}\n`);
}
