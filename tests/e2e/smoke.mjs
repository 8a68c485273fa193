// End-to-end smoke test of the page in Debian's headless Chromium: serves dist/ (built by
// scripts/build-wasm.sh) with scripts/serve.py, the server `make serve` uses, on a free port.
// Checks that the demo sample, pasted text and an opened file each give a report with its
// columns, that the page requests nothing but its own files, and that its CSP is never
// violated. Saves screenshots to tests/out/.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { launchChromium, startServer } from './helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(root, 'dist');
const out = path.join(root, 'tests/out');

let server;
let origin;
let browser;

before(async () => {
  assert.ok(existsSync(path.join(dist, 'index.html')), 'dist/ is not built: run scripts/build-wasm.sh');
  mkdirSync(out, { recursive: true });
  ({ proc: server, origin } = await startServer());
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.kill();
});

// A fresh page that records every request, console error, page error and CSP violation.
async function openPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const seen = { requests: [], foreign: [], errors: [], csp: [] };
  page.on('request', (req) => {
    seen.requests.push(req.url());
    if (new URL(req.url()).origin !== origin && !req.url().startsWith('data:')) seen.foreign.push(req.url());
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') seen.errors.push(msg.text());
  });
  page.on('pageerror', (err) => seen.errors.push(String(err)));
  await page.exposeFunction('__reportCspViolation', (v) => seen.csp.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI}`);
    });
  });
  await page.goto(`${origin}/`);
  await page.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
  return { page, context, seen };
}

function assertClean(seen) {
  assert.deepEqual(seen.foreign, [], 'requests to anything but the page origin');
  assert.deepEqual(seen.csp, [], 'CSP violations');
  assert.deepEqual(seen.errors, [], 'console or page errors');
}

// Runs and returns the column table's rows as arrays of cell texts.
async function runAndReadColumns(page) {
  await page.getByTestId('run').click();
  const report = page.getByTestId('report');
  await report.locator('[data-testid="columns"], [data-testid="error"]').first().waitFor({ timeout: 60_000 });
  const error = report.getByTestId('error');
  if (await error.count()) assert.fail(`the page shows an error: ${await error.textContent()}`);
  return report.locator('[data-testid="columns"] tbody tr').evaluateAll((rows) =>
    rows.map((tr) => [...tr.cells].map((td) => td.textContent)),
  );
}

test('the page carries the strict CSP and loads only its own files', async () => {
  const { page, context, seen } = await openPage();
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.ok(seen.requests.some((u) => u.endsWith('/pkg/veracity_wasm.js')), 'the wasm was loaded (as a script)');
  assertClean(seen);
  await context.close();
});

test('the demo sample gives a report with its columns', async () => {
  const { page, context, seen } = await openPage();
  await page.getByTestId('demo').click();
  await page
    .locator('[data-testid="status"]:has-text("Loaded"), [data-testid="error"]')
    .first()
    .waitFor({ timeout: 10_000 });
  const error = page.getByTestId('error');
  if (await error.count()) assert.fail(`the page shows an error: ${await error.textContent()}`);
  assert.ok((await page.getByTestId('input').inputValue()).length > 0, 'the demo text is shown');
  const rows = await runAndReadColumns(page);
  await page.screenshot({ path: path.join(out, 'smoke-demo.png'), fullPage: true });
  assert.ok(rows.length >= 2, `columns shown: ${JSON.stringify(rows)}`);
  const kinds = rows.map((r) => r[2]);
  assert.ok(kinds.includes('cn_ric'), `a resident ID column is recognised: ${kinds}`);
  assert.ok(await page.getByTestId('summary').isVisible());
  assertClean(seen);
  await context.close();
});

const SAMPLE = '姓名,身份证号,手机号\n张三,11010519491231002X,13800138000\n李四,440524188001010014,13912345678\n';

test('pasted text gives a report with its columns', async () => {
  const { page, context, seen } = await openPage();
  await page.getByTestId('input').fill(SAMPLE);
  const rows = await runAndReadColumns(page);
  assert.deepEqual(
    rows.map((r) => r[1]),
    ['姓名', '身份证号', '手机号'],
  );
  assert.equal(rows[1][2], 'cn_ric');
  assertClean(seen);
  await context.close();
});

test('an opened file is verified from its bytes', async () => {
  const { page, context, seen } = await openPage();
  await page.getByTestId('file').setInputFiles({
    name: 'sample.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(SAMPLE, 'utf8'),
  });
  await page.getByTestId('status').filter({ hasText: 'sample.csv' }).waitFor({ timeout: 10_000 });
  const rows = await runAndReadColumns(page);
  assert.equal(rows.length, 3);
  await page.screenshot({ path: path.join(out, 'smoke-file.png'), fullPage: true });
  assertClean(seen);
  await context.close();
});
