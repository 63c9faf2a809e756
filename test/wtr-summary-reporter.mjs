// web-test-runner prints its counts behind a progress bar; `npm test` needs them as a plain line. The line is
// written at process exit so it lands after the default reporter's final flush.
export function summaryReporter() {
  let counts = null;
  return {
    onTestRunFinished({ sessions }) {
      const c = { passed: 0, failed: 0, skipped: 0 };
      const walk = (suite) => {
        for (const t of suite.tests) c[t.skipped ? 'skipped' : t.passed ? 'passed' : 'failed']++;
        suite.suites.forEach(walk);
      };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults);
        if (!session.passed && session.errors?.length) c.failed++; // the file failed to load, or the browser crashed
      }
      counts = c;
    },
    start() {
      process.once(
        'exit',
        () =>
          counts &&
          process.stdout.write(`\nwtr: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`),
      );
    },
  };
}
