// `npm test`: the Node tests, the load tests (alone: they measure time), then the browser tests, and one line
// totalling them (the line CI reads).
import { spawn } from 'node:child_process';

/** Runs a command with its output shown live; returns the exit code and the output. */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const total = { passed: 0, failed: 0, skipped: 0 };
const count = (output, pattern, key) => {
  for (const m of output.matchAll(pattern)) total[key] += Number(m[1]);
};

// The spec reporter's summary: "ℹ pass N", "ℹ fail N", "ℹ skipped N" (todo and cancelled counted with them).
const countNode = (output) => {
  count(output, /^ℹ pass (\d+)$/gm, 'passed');
  count(output, /^ℹ (?:fail|cancelled) (\d+)$/gm, 'failed');
  count(output, /^ℹ (?:skipped|todo) (\d+)$/gm, 'skipped');
};
const node = await run('npm', ['run', '-s', 'test:node']);
countNode(node.output);
const load = await run('npm', ['run', '-s', 'test:load']);
countNode(load.output);

const browser = await run('npm', ['run', '-s', 'test:browser']);
const wtr = /^wtr: (\d+) passed, (\d+) failed, (\d+) skipped$/m.exec(browser.output);
if (wtr) {
  total.passed += Number(wtr[1]);
  total.failed += Number(wtr[2]);
  total.skipped += Number(wtr[3]);
}

// A suite that exits non-zero without reporting a failure (a crash, a missing browser) still counts as one.
for (const suite of [node, load, browser]) if (suite.code !== 0 && total.failed === 0) total.failed = 1;
if (!wtr && total.failed === 0) total.failed = 1;

process.stdout.write(
  `\ntests: ${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}\n`,
);
process.exitCode = total.failed > 0 || [node, load, browser].some((s) => s.code !== 0) ? 1 : 0;
