// Shared by workflow.test.mjs and robust.test.mjs: the server (scripts/serve.py on dist/, as
// `make serve` runs it), Chromium, a page that records every request, console error, page
// error and CSP violation, the privacy check run after every test, and the CLI (the native
// build of the same engine) as the oracle for the page's numbers.

import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const dist = path.join(root, 'dist');
export const out = path.join(root, 'tests/out');
export const fixtures = path.join(root, 'tests/fixtures');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';

export const env = { origin: '', server: null, browser: null };

/** scripts/serve.py on dist/ at a free port: `{proc, origin}`. */
export function startServer() {
  return new Promise((resolve, reject) => {
    const proc = spawn('python3', ['scripts/serve.py', '--dir', dist, '--port', '0', '--quiet'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buf = '';
    const timer = setTimeout(() => reject(new Error('the server did not start in 10 s')), 10_000);
    proc.on('exit', (code) => reject(new Error(`the server exited early (${code})`)));
    proc.stdout.on('data', (chunk) => {
      buf += chunk;
      const m = buf.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, origin: `http://127.0.0.1:${m[1]}` });
      }
    });
  });
}

export async function setUp(browserArgs = []) {
  assert.ok(existsSync(path.join(dist, 'index.html')), 'dist/ is not built: run scripts/build-wasm.sh');
  mkdirSync(out, { recursive: true });
  const s = await startServer();
  env.server = s.proc;
  env.origin = s.origin;
  env.browser = await launchChromium(browserArgs);
}

/** Debian's Chromium, headless, with the flags this machine needs. */
export function launchChromium(extraArgs = []) {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', ...extraArgs],
  });
}

export async function tearDown() {
  await env.browser?.close();
  env.server?.kill();
}

/** Records requests leaving the page's origin, console errors, page errors, CSP violations. */
export async function watch(context, page, { allowOrigins = [] } = {}) {
  const seen = { foreign: [], errors: [], csp: [] };
  page.on('request', (req) => {
    const url = req.url();
    if (url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank') return;
    const o = new URL(url).origin;
    if (o !== env.origin && !allowOrigins.includes(o)) seen.foreign.push(url);
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') seen.errors.push(msg.text());
  });
  page.on('pageerror', (err) => seen.errors.push(String(err)));
  await page.exposeFunction('__reportCspViolation', (v) => seen.csp.push(v));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__reportCspViolation?.(`${e.violatedDirective} blocked ${e.blockedURI}`);
    });
  });
  return seen;
}

/** A fresh page of the tool that records what it does. */
export async function openPage({ width = 1280, height = 900, locale = 'en-US' } = {}) {
  const context = await env.browser.newContext({ viewport: { width, height }, locale, acceptDownloads: true });
  const page = await context.newPage();
  const seen = await watch(context, page);
  await page.goto(`${env.origin}/`);
  await page.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
  return { page, context, seen };
}

/** Privacy and hygiene after a test: nothing left the origin, nothing was stored. */
export async function assertClean({ page, context, seen }, { allowErrors = [] } = {}) {
  assert.deepEqual(seen.foreign, [], 'requests to anything but the page origin');
  assert.deepEqual(seen.csp, [], 'CSP violations');
  const errors = seen.errors.filter((e) => !allowErrors.some((re) => re.test(e)));
  assert.deepEqual(errors, [], 'console or page errors');
  const stored = await page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    cookie: document.cookie,
    idb: indexedDB.databases ? (await indexedDB.databases()).length : 0,
    url: location.href,
  }));
  assert.deepEqual({ ...stored, url: undefined }, { local: 0, session: 0, cookie: '', idb: 0, url: undefined }, 'storage is empty');
  assert.equal(stored.url, `${env.origin}/`, 'nothing was put into the URL');
  const state = await context.storageState();
  assert.deepEqual(state.cookies, [], 'no cookies');
  assert.ok(state.origins.every((o) => o.localStorage.length === 0), 'no local storage');
  await context.close();
}

export async function loadDemo(scope) {
  await scope.getByTestId('demo').click();
  await scope.getByTestId('status').filter({ hasText: /demo|示例/ }).waitFor({ timeout: 10_000 });
}

/** Runs the check and waits for a report (fails if the page shows an error instead). */
export async function run(scope) {
  await markStale(scope);
  await scope.getByTestId('run').click();
  await fresh(scope).waitFor({ timeout: 60_000 });
  const error = scope.locator('[data-testid="error"]:not([data-stale])');
  if (await error.count()) assert.fail(`the page shows an error: ${await error.textContent()}`);
  await scope.getByTestId('status').filter({ hasText: /Done|完成/ }).waitFor({ timeout: 60_000 });
}

/** `text` saved as a file named `name`, chosen on the page and checked: the input's facts
 * and summary as the page shows them. */
export async function summaryOfFile(page, text, name) {
  const dir = mkdtempSync(path.join(tmpdir(), 'veracity-file-'));
  try {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    await page.getByTestId('file').setInputFiles(file);
    await page.getByTestId('status').filter({ hasText: name }).waitFor();
    await run(page);
    return await page.getByTestId('summary').textContent();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Marks the verdict or error now shown, so that what a new run shows can be told apart. */
export async function markStale(scope) {
  await scope.locator('[data-testid="verdict"], [data-testid="error"]').evaluateAll((nodes) => {
    for (const n of nodes) n.dataset.stale = '1';
  });
}

/** The first verdict or error shown since markStale. */
export function fresh(scope) {
  return scope.locator('[data-testid="verdict"]:not([data-stale]), [data-testid="error"]:not([data-stale])').first();
}

export async function setReferenceDate(scope, date) {
  await scope.locator('#settings > summary').click();
  await scope.getByTestId('reference-date').fill(date);
}

/** Clicks `testid` and returns the download: {name, text, url}. */
export async function download(page, testid, scope = page) {
  const [dl] = await Promise.all([page.waitForEvent('download'), scope.getByTestId(testid).click()]);
  const file = await dl.path();
  return { name: dl.suggestedFilename(), text: readFileSync(file, 'utf8'), url: dl.url() };
}

/** The CLI's stdout for `args` (the native build of the same engine). */
export function cli(args, { json = true } = {}) {
  const stdout = execFileSync('cargo', ['run', '-q', '-p', 'veracity', '--bin', 'veracity', '--', ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 600_000,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return json ? JSON.parse(stdout) : stdout;
}

/** A seeded draw for the tests' synthetic data: `rnd(n)` in [0, n) (a linear congruential
 * generator, so every run draws the same). */
export function seeded(seed) {
  let x = seed >>> 0;
  return (n) => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return (x >>> 8) % n;
  };
}

const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const REGIONS = ['110105', '310104', '440305', '330106', '510107', '420102'];
const SURNAMES = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳'];

/** One synthetic person (never a real one) drawn with `rnd` (see seeded): {name, id (a resident
 * ID with its check digit), sex ('男' | '女', the ID's), phone (a mobile), address}. */
export function syntheticPerson(rnd) {
  const y = 1950 + rnd(55);
  const m = String(1 + rnd(12)).padStart(2, '0');
  const d = String(1 + rnd(28)).padStart(2, '0');
  const sex = rnd(2);
  const seq = String(rnd(50) * 2 + sex + 100).padStart(3, '0');
  const body = `${REGIONS[rnd(REGIONS.length)]}${y}${m}${d}${seq}`;
  let s = 0;
  for (let k = 0; k < 17; k++) s += (body.charCodeAt(k) - 48) * W[k];
  const id = body + '10X98765432'[s % 11];
  const name = SURNAMES[rnd(SURNAMES.length)] + GIVEN[rnd(GIVEN.length)] + (rnd(2) ? GIVEN[rnd(GIVEN.length)] : '');
  const phone = `13${rnd(10)}${String(rnd(1e8)).padStart(8, '0')}`;
  const address = `北京市朝阳区建国路${rnd(400)}号`;
  return { name, id, sex: sex ? '男' : '女', phone, address };
}
