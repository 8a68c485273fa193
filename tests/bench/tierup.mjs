// How much of V8's wasm compiling is left for a file's first run in the page (not part of
// `make test`; needs dist/ and tests/e2e's playwright-core, like browser.mjs):
//   NODE_PATH=tests/e2e/node_modules node tests/bench/tierup.mjs FILE [DIST] [WORKERS] [ROUNDS]
// For each round: a fresh browser loads DIST (default dist/, served by scripts/serve.py), waits
// for the page's start-up warm-up to end (app.js's `veracity:warm` measure), chooses FILE and
// traces its first run (Chromium's `v8.wasm` trace events): the functions the optimising tier
// compiled during the run, the compiling threads' CPU time, and the functions compiled for the
// first time at all (lazily, on their first call). WORKERS: the page's default, or 1 (the page
// is made to see navigator.hardwareConcurrency = 1). Thread time, not wall time: it tells warm-ups
// apart on a loaded machine. Prints one line a round.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require(require.resolve('playwright-core', { paths: [process.env.NODE_PATH || ''] }));
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const [file, distArg, workersArg, roundsArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node tests/bench/tierup.mjs FILE [DIST] [WORKERS] [ROUNDS]');
  process.exit(2);
}
const dist = path.resolve(distArg || path.join(root, 'dist'));

const server = spawn('python3', [path.join(root, 'scripts/serve.py'), '--dir', dist, '--port', '0'], {
  stdio: ['ignore', 'pipe', 'ignore'],
});
const origin = await new Promise((resolve) => server.stdout.once('data', (d) => resolve(/http:\/\/\S+/.exec(String(d))[0])));
try {
  for (let round = 0; round < Number(roundsArg || 1); round++) {
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    });
    try {
      const context = await browser.newContext();
      if (workersArg === '1') {
        await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => 1 }));
      }
      const page = await context.newPage();
      await page.goto(`${origin}/`);
      await page.locator('body[data-ready="true"]').waitFor({ timeout: 60_000 });
      await page.waitForFunction(() => performance.getEntriesByName('veracity:warm').length > 0, null, { timeout: 60_000 });
      await page.getByTestId('file').setInputFiles(file);
      await page.getByTestId('status').filter({ hasText: path.basename(file) }).waitFor({ timeout: 120_000 });
      await browser.startTracing(page, { categories: ['v8.wasm', 'disabled-by-default-v8.wasm.detailed'] });
      await page.getByTestId('run').click();
      await page.waitForFunction(() => performance.getEntriesByName('veracity:run').length > 0, null, { timeout: 600_000, polling: 10 });
      const trace = JSON.parse(String(await browser.stopTracing()));
      const events = trace.traceEvents ?? trace;
      const named = (name) => events.filter((e) => e.name === name);
      const optimised = named('wasm.TopTierCompilation').length;
      const threadMs = named('wasm.ExecuteCompilationUnits').reduce((s, e) => s + (e.tdur ?? 0) / 1000, 0);
      const lazy = named('wasm.CompileLazy').length;
      const ms = await page.evaluate(() => performance.getEntriesByName('veracity:run').at(-1).duration);
      console.log(
        `${path.basename(dist)}, ${workersArg === '1' ? '1 worker' : 'default workers'}: page ${Math.round(ms)} ms; ` +
          `optimised ${optimised} functions, ${Math.round(threadMs)} ms of thread time; first compiled ${lazy}`,
      );
    } finally {
      await browser.close();
    }
  }
} finally {
  server.kill();
}
