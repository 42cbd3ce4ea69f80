// Sums the JSON reports of every suite into the one line CI reads: `N passed, N failed`.
// A suite that crashed before writing its report shows up as missing and counts as a failure.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) throw new Error('usage: count-results.ts <results-dir>');

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  let report: any;
  try {
    report = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  } catch {
    console.error(`${file}: report unreadable, counted as one failure`);
    failed += 1;
    continue;
  }
  let p = 0,
    f = 0,
    s = 0;
  if (report.kind === 'check') {
    p = report.passed;
    f = report.failed;
  } else if (report.stats && 'expected' in report.stats) {
    // Playwright: flaky tests passed on retry, so they count as passed.
    p = report.stats.expected + report.stats.flaky;
    f = report.stats.unexpected;
    s = report.stats.skipped;
  } else if ('numPassedTests' in report) {
    p = report.numPassedTests;
    f = report.numFailedTests;
    s = report.numPendingTests + (report.numTodoTests ?? 0);
    // A file that fails to load has no tests but must still fail the run.
    f += (report.testResults ?? []).filter(
      (r: any) => r.status === 'failed' && r.assertionResults?.length === 0,
    ).length;
  }
  console.error(`${file.replace(/\.json$/, '').padEnd(12)} ${p} passed, ${f} failed${s ? `, ${s} skipped` : ''}`);
  passed += p;
  failed += f;
  skipped += s;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
