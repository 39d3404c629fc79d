// Prints the closing line of a test run ("N passed, N failed, N skipped") from vitest's JSON
// report, and fails when a PostgreSQL test was skipped: a run where they did not execute is a
// failing run, never a quiet pass.
import { readFileSync } from 'node:fs';

const [file] = process.argv.slice(2);
const report = JSON.parse(readFileSync(file, 'utf8'));
let passed = 0;
let failed = 0;
let skipped = 0;
let postgresRan = 0;
const postgresSkipped = [];
for (const suite of report.testResults) {
  const fileIsPostgres = /postgres/i.test(suite.name);
  for (const test of suite.assertionResults) {
    // A PostgreSQL test lives in a file named after PostgreSQL, or is a case of a suite run
    // over several stores whose name says postgres (describe.each(['sqlite', 'postgres'])).
    const isPostgres = fileIsPostgres || /\bpostgres(ql)?\b/i.test(test.fullName);
    if (test.status === 'passed') passed += 1;
    else if (test.status === 'failed') failed += 1;
    else skipped += 1;
    if (isPostgres && test.status === 'passed') postgresRan += 1;
    if (
      isPostgres &&
      (test.status === 'skipped' || test.status === 'pending' || test.status === 'todo')
    ) {
      postgresSkipped.push(test.fullName);
    }
  }
}
if (postgresSkipped.length > 0) {
  console.error(`PostgreSQL tests were skipped:\n  ${postgresSkipped.join('\n  ')}`);
  failed += postgresSkipped.length;
}
if (process.env.VAULTCRAFT_REQUIRE_POSTGRES === '1' && postgresRan === 0) {
  console.error('No PostgreSQL test ran.');
  failed += 1;
}
console.log(`PostgreSQL tests passed: ${postgresRan}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || report.success === false ? 1 : 0);
