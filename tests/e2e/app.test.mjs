// End-to-end tests of the page (www/ as built into dist/ by scripts/build-wasm.sh) in Debian's
// headless Chromium: paste, file (GB18030), demo, kind override, exports (the JSON export is
// compared with the CLI's report for the same input and options), show-values toggle, paged
// flags, cancel, Chinese UI, 360 px layout, keyboard-only use, Clear everything, and hostile
// input. Every test also checks privacy: no request beyond the page's origin, no CSP
// violation, no console error, and nothing in cookies, storage, IndexedDB or the URL.
// Screenshots go to tests/out/app-*.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { launchChromium, startServer } from './helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(root, 'dist');
const out = path.join(root, 'tests/out');
const fixtures = path.join(root, 'tests/fixtures');
const REFERENCE_DATE = '2024-06-01';

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

/** A fresh page that records requests, console errors, page errors and CSP violations. */
async function openPage({ width = 1280, height = 900, locale = 'en-US' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale, acceptDownloads: true });
  const page = await context.newPage();
  const seen = { foreign: [], errors: [], csp: [] };
  page.on('request', (req) => {
    const url = req.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).origin !== origin) seen.foreign.push(url);
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

/** Privacy and hygiene after a test: nothing left the origin, nothing was stored. */
async function assertClean({ page, context, seen }) {
  assert.deepEqual(seen.foreign, [], 'requests to anything but the page origin');
  assert.deepEqual(seen.csp, [], 'CSP violations');
  assert.deepEqual(seen.errors, [], 'console or page errors');
  const stored = await page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    cookie: document.cookie,
    idb: indexedDB.databases ? (await indexedDB.databases()).length : 0,
    url: location.href,
  }));
  assert.deepEqual(
    { ...stored, url: undefined },
    { local: 0, session: 0, cookie: '', idb: 0, url: undefined },
    'storage is empty',
  );
  assert.equal(stored.url, `${origin}/`, 'nothing was put into the URL');
  const state = await context.storageState();
  assert.deepEqual(state.cookies, [], 'no cookies');
  assert.ok(state.origins.every((o) => o.localStorage.length === 0), 'no local storage');
  await context.close();
}

async function waitForReport(page) {
  await page.locator('[data-testid="verdict"], [data-testid="error"]').first().waitFor({ timeout: 60_000 });
  const error = page.getByTestId('error');
  if (await error.count()) assert.fail(`the page shows an error: ${await error.textContent()}`);
}

async function loadDemo(page) {
  await page.getByTestId('demo').click();
  await page.getByTestId('status').filter({ hasText: 'demo' }).waitFor({ timeout: 10_000 });
}

async function run(page) {
  await page.getByTestId('run').click();
  await waitForReport(page);
  await page.getByTestId('status').filter({ hasText: /Done|完成/ }).waitFor({ timeout: 60_000 });
}

async function setReferenceDate(page, date) {
  await page.locator('#settings > summary').click();
  await page.getByTestId('reference-date').fill(date);
}

/** Cards as {header, kind, source} in column order. */
function readCards(page) {
  return page.getByTestId('column-card').evaluateAll((cards) =>
    cards.map((c) => ({
      header: c.querySelector('.col-header').textContent,
      kind: c.dataset.kind,
      text: c.textContent,
    })),
  );
}

async function download(page, testid) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  const file = await dl.path();
  return { name: dl.suggestedFilename(), text: readFileSync(file, 'utf8'), url: dl.url() };
}

/** The CLI's report for a file and options (the native build of the same engine). */
function cliReport(file, args) {
  const stdout = execFileSync(
    'cargo',
    ['run', '-q', '-p', 'veracity', '--bin', 'veracity', '--', 'verify', file, '--json', ...args],
    { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 600_000, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return JSON.parse(stdout);
}

/** The ISO 7064 MOD 11-2 check character of a 17-digit ID body. */
function ricCheck(body) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * weights[i];
  return '10X98765432'[sum % 11];
}

const SAMPLE = '姓名,身份证号,手机号\n张三,11010519491231002X,13800138000\n李四,440524188001010014,13912345678\n';

test('pasted text gives a report: verdict banner, one card per column, cross checks', async () => {
  const ctx = await openPage();
  const { page } = ctx;
  await page.getByTestId('input').fill(SAMPLE);
  await run(page);
  const verdict = page.getByTestId('verdict');
  const level = await verdict.getAttribute('data-level');
  assert.ok(level && level.length > 0, 'the banner carries a level');
  const cards = await readCards(page);
  assert.deepEqual(
    cards.map((c) => c.header),
    ['姓名', '身份证号', '手机号'],
  );
  assert.deepEqual(
    cards.map((c) => c.kind),
    ['person_name', 'cn_ric', 'cn_mobile'],
  );
  assert.match(cards[1].text, /Chinese resident ID number/);
  // 440524188001010014: born 1880, so the ID column has an invalid value, labelled in words.
  assert.match(cards[1].text, /1 invalid/);
  assert.equal(await page.getByTestId('report').locator('[data-testid="columns"] tbody tr').count(), 3);
  await assertClean(ctx);
});

test('the demo sample: charts, flagged rows, desktop screenshot', async () => {
  const ctx = await openPage();
  const { page } = ctx;
  await loadDemo(page);
  await setReferenceDate(page, REFERENCE_DATE);
  await run(page);
  for (const id of ['chart-birth-years', 'chart-checkdigit', 'chart-sex', 'chart-regions']) {
    assert.equal(await page.getByTestId(id).count(), 1, `${id} is drawn`);
    assert.ok((await page.getByTestId(id).locator('svg rect').count()) > 0, `${id} has bars`);
  }
  const flagsText = await page.getByTestId('flags-count').textContent();
  assert.match(flagsText, /problems found/);
  assert.ok((await page.locator('[data-testid="flagged"] tbody tr').count()) > 0);
  // Masked by default.
  const values = await page.locator('[data-testid="flagged"] td.value').allTextContents();
  assert.ok(values.length && values.every((v) => v.includes('*')), `values are masked: ${values}`);
  await page.screenshot({ path: path.join(out, 'app-desktop.png'), fullPage: true });
  await page.locator('.charts').screenshot({ path: path.join(out, 'app-charts.png') });
  await assertClean(ctx);
});

test('a GB18030 file opened from disk gives a report read as GB18030', async () => {
  const ctx = await openPage();
  const { page } = ctx;
  const file = path.join(fixtures, 'people_gb18030.csv');
  await page.getByTestId('file').setInputFiles(file);
  await page.getByTestId('status').filter({ hasText: 'people_gb18030.csv' }).waitFor({ timeout: 10_000 });
  // The text area shows a read-only preview, decoded, not the file itself.
  const preview = await page.getByTestId('input').inputValue();
  assert.ok(preview.startsWith('姓名,身份证号'), `preview decoded: ${preview.slice(0, 40)}`);
  assert.equal(await page.getByTestId('input').getAttribute('readonly'), '');
  await run(page);
  const summary = await page.getByTestId('summary').textContent();
  assert.match(summary, /GB18030/);
  const sha = createHash('sha256').update(readFileSync(file)).digest('hex');
  assert.ok(summary.includes(sha), 'the summary states the file’s SHA-256');
  const cards = await readCards(page);
  assert.equal(cards[0].header, '姓名');
  assert.equal(cards[1].kind, 'cn_ric');
  await page.screenshot({ path: path.join(out, 'app-gb18030.png') });
  await assertClean(ctx);
});

test('a file dropped on the input is loaded and checked', async () => {
  const ctx = await openPage();
  const { page } = ctx;
  const bytes = [...readFileSync(path.join(fixtures, 'people_utf16le.csv'))];
  await page.evaluate((data) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(data)], 'dropped.csv', { type: 'text/csv' }));
    const zone = document.getElementById('dropzone');
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, bytes);
  await page.getByTestId('status').filter({ hasText: 'dropped.csv' }).waitFor({ timeout: 10_000 });
  assert.ok((await page.getByTestId('input').inputValue()).startsWith('姓名'), 'UTF-16 preview decoded');
  await run(page);
  assert.match(await page.getByTestId('summary').textContent(), /UTF-16LE/);
  await assertClean(ctx);
});

test('changing a column’s kind re-runs with the override, and Automatic undoes it', async () => {
  const ctx = await openPage();
  const { page } = ctx;
  await loadDemo(page);
  await run(page);
  const idCard = page.locator('[data-testid="column-card"][data-column="1"]');
  assert.equal(await idCard.getAttribute('data-kind'), 'cn_ric');
  await idCard.getByTestId('kind-select').focus();
  await idCard.getByTestId('kind-select').selectOption('text');
  await page.locator('[data-testid="column-card"][data-column="1"][data-kind="text"]').waitFor({ timeout: 30_000 });
  const card = page.locator('[data-testid="column-card"][data-column="1"]');
  assert.match(await card.textContent(), /your choice/);
  assert.equal(await card.getByTestId('kind-select').inputValue(), 'text');
  // Focus stays on the control that was changed.
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.column), '1');
  // The ID column is gone, so no check-digit chart and no ID cross checks.
  assert.equal(await page.getByTestId('chart-checkdigit').count(), 0);
  await card.getByTestId('kind-select').selectOption('');
  await page.locator('[data-testid="column-card"][data-column="1"][data-kind="cn_ric"]').waitFor({ timeout: 30_000 });
  await assertClean(ctx);
});

test('Export JSON is the engine’s report (equal to the CLI’s for the same input and options)', async () => {
  const ctx = await openPage();
  const { page } = ctx;
  await loadDemo(page);
  await setReferenceDate(page, REFERENCE_DATE);
  await run(page);
  const { name, text, url } = await download(page, 'export-json');
  assert.ok(url.startsWith('blob:'), `downloaded from a blob URL, not the network: ${url}`);
  assert.match(name, /^veracity-report-[0-9a-f]{12}\.json$/);
  const exported = JSON.parse(text);
  const cli = cliReport(path.join(fixtures, 'demo.csv'), ['--reference-date', REFERENCE_DATE]);
  assert.deepEqual(exported, cli);
  assert.equal(exported.settings.reference_date, REFERENCE_DATE);
  await assertClean(ctx);
});

test('the readable report states the SHA-256, version, date and settings', async () => {
  const ctx = await openPage();
  const { page } = ctx;
  await loadDemo(page);
  await setReferenceDate(page, REFERENCE_DATE);
  await run(page);
  const { name, text } = await download(page, 'export-report');
  assert.match(name, /^veracity-report-[0-9a-f]{12}\.(md|html)$/);
  const sha = createHash('sha256').update(readFileSync(path.join(fixtures, 'demo.csv'))).digest('hex');
  assert.ok(text.includes(sha), 'the input’s SHA-256');
  const version = await page.evaluate(() => document.getElementById('version').textContent);
  const v = version.match(/\d+\.\d+\.\d+\S*/)?.[0];
  assert.ok(v && text.includes(v), `the tool version ${v}`);
  assert.ok(text.includes(new Date().toISOString().slice(0, 10)), 'today’s date');
  assert.ok(text.includes(REFERENCE_DATE), 'the settings: the reference date');
  assert.match(text, /身份证号/, 'the columns');
  await assertClean(ctx);
});

test('Show full values re-runs unmasked, and off again masks', async () => {
  const ctx = await openPage();
  const { page } = ctx;
  await loadDemo(page);
  await run(page);
  const first = () => page.locator('[data-testid="flagged"] td.value').first().textContent();
  assert.match(await first(), /\*/);
  await page.getByTestId('show-values').check();
  await page.locator('[data-testid="show-values"]:checked').waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => !document.querySelector('[data-testid="flagged"] td.value')?.textContent.includes('*'));
  const full = await first();
  const demo = readFileSync(path.join(fixtures, 'demo.csv'), 'utf8');
  assert.ok(demo.includes(full), `the full value ${full} is the demo's`);
  await page.getByTestId('show-values').uncheck();
  await page.waitForFunction(() => document.querySelector('[data-testid="flagged"] td.value')?.textContent.includes('*'));
  await assertClean(ctx);
});

test('100,000 flagged rows are listed and paged without freezing the page', async () => {
  const ctx = await openPage();
  const { page } = ctx;
  // 200,000 synthetic IDs, every other one with a wrong check digit: 100,000 flags.
  const lines = ['身份证号'];
  for (let i = 0; i < 200_000; i++) {
    const body = `1101051990${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`;
    const right = ricCheck(body);
    const wrong = right === '0' ? '1' : '0';
    lines.push(body + (i % 2 ? wrong : right));
  }
  await page.getByTestId('file').setInputFiles({
    name: 'many.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(lines.join('\n'), 'utf8'),
  });
  await page.getByTestId('status').filter({ hasText: 'many.csv' }).waitFor();
  await run(page);
  const count = await page.getByTestId('flags-count').textContent();
  assert.match(count, /1,000 listed/);
  const total = Number(count.match(/^([\d,]+)/)[1].replace(/,/g, ''));
  assert.ok(total >= 100_000, `flags: ${total}`);
  await page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  await page.getByTestId('flags-all').click();
  await page.getByTestId('flags-count').filter({ hasText: '100,000 listed' }).waitFor({ timeout: 60_000 });
  assert.ok((await page.locator('[data-testid="flagged"] tbody tr').count()) <= 250, 'only one page is in the DOM');
  await page.getByTestId('flagged-last').click();
  assert.match(await page.getByTestId('flagged-page').textContent(), /Page 2,000 of 2,000/);
  const longest = await page.evaluate(() => window.__longest);
  console.log(`# longest main-thread task while listing 100,000 flags: ${Math.round(longest)} ms`);
  assert.ok(longest < 1000, `longest task ${longest} ms`);
  await assertClean(ctx);
});

test('Cancel stops a run at once; the next run works', async () => {
  const ctx = await openPage();
  const { page } = ctx;
  const lines = ['姓名,身份证号,手机号'];
  for (let i = 0; i < 400_000; i++) lines.push(`张三${i % 10},11010519491231002X,13800138000`);
  await page.getByTestId('file').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
  await page.getByTestId('status').filter({ hasText: 'big.csv' }).waitFor();
  await page.getByTestId('run').click();
  await page.getByTestId('progress').waitFor({ state: 'visible' });
  await page.getByTestId('progress-text').filter({ hasText: 'rows/s' }).waitFor({ timeout: 60_000 });
  const t0 = Date.now();
  await page.getByTestId('cancel').click();
  await page.getByTestId('status').filter({ hasText: 'Cancelled' }).waitFor({ timeout: 2_000 });
  assert.ok(Date.now() - t0 < 2000, 'cancelled within 2 s');
  assert.equal(await page.getByTestId('progress').isVisible(), false);
  assert.equal(await page.getByTestId('verdict').count(), 0, 'no report from the stopped run');
  // Clear everything during a run stops it too.
  await page.getByTestId('run').click();
  await page.getByTestId('progress').waitFor({ state: 'visible' });
  await page.getByTestId('clear').click();
  await page.getByTestId('status').filter({ hasText: 'Cleared' }).waitFor({ timeout: 2_000 });
  await page.waitForTimeout(200);
  assert.match(await page.getByTestId('status').textContent(), /Cleared/);
  assert.equal(await page.getByTestId('progress').isVisible(), false);
  assert.equal(await page.getByTestId('input').inputValue(), '');
  await page.getByTestId('input').fill(SAMPLE);
  await run(page);
  await assertClean(ctx);
});

test('Chinese: follows the browser language and the switch', async () => {
  // A Chinese browser gets the Chinese page.
  const zhCtx = await openPage({ locale: 'zh-CN' });
  assert.equal(await zhCtx.page.getByTestId('run').textContent(), '运行');
  assert.equal(await zhCtx.page.getByTestId('lang').inputValue(), 'zh-CN');
  assert.equal(await zhCtx.page.evaluate(() => document.documentElement.lang), 'zh-CN');
  await assertClean(zhCtx);

  // An English one switches.
  const ctx = await openPage();
  const { page } = ctx;
  await loadDemo(page);
  await run(page);
  assert.equal(await page.getByTestId('run').textContent(), 'Run');
  await page.getByTestId('lang').selectOption('zh-CN');
  assert.equal(await page.getByTestId('run').textContent(), '运行');
  assert.equal(await page.getByTestId('clear').textContent(), '全部清除');
  // The file button is the page's own label, in the page's language (the browser's own file
  // button would follow the browser's language): the input itself takes no visible space.
  assert.equal(await page.locator('label[for="file"]').textContent(), '打开文件');
  const box = await page.getByTestId('file').boundingBox();
  assert.ok(!box || (box.width <= 1 && box.height <= 1), `file input visible: ${JSON.stringify(box)}`);
  // The banner is in Chinese: the verdict once the assessment is made, else the validity summary.
  assert.match(await page.getByTestId('verdict').textContent(), /结论|有效性概要/);
  const idCard = await page.locator('[data-testid="column-card"][data-column="1"]').textContent();
  assert.match(idCard, /居民身份证号/);
  assert.match(idCard, /校验码错误/);
  assert.match(await page.locator('.privacy').textContent(), /数据不会离开本设备/);
  await page.screenshot({ path: path.join(out, 'app-zh.png'), fullPage: true });
  const { text } = await download(page, 'export-report');
  assert.match(text, /报告/);
  await page.getByTestId('lang').selectOption('en');
  assert.match(await page.getByTestId('verdict').textContent(), /Verdict|Validity summary/);
  await assertClean(ctx);
});

test('the layout works 360 px wide', async () => {
  const ctx = await openPage({ width: 360, height: 780 });
  const { page } = ctx;
  await loadDemo(page);
  await run(page);
  const widths = await page.evaluate(() => ({
    doc: document.documentElement.scrollWidth,
    body: document.body.scrollWidth,
    view: window.innerWidth,
  }));
  assert.ok(widths.doc <= widths.view, `no horizontal scrolling: ${JSON.stringify(widths)}`);
  await page.screenshot({ path: path.join(out, 'app-360.png'), fullPage: true });
  await assertClean(ctx);
});

test('keyboard only: Tab to the demo, Enter, Tab to Run, Enter gives the report', async () => {
  const ctx = await openPage();
  const { page } = ctx;
  const focused = () => page.evaluate(() => document.activeElement?.dataset?.testid ?? document.activeElement?.tagName);
  const tabTo = async (testid, max = 20) => {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      if ((await focused()) === testid) return;
    }
    assert.fail(`Tab never reached ${testid}`);
  };
  await tabTo('demo');
  // The focused control is visibly outlined.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'visible focus');
  await page.keyboard.press('Enter');
  await page.getByTestId('status').filter({ hasText: 'demo' }).waitFor();
  await tabTo('run');
  await page.keyboard.press('Enter');
  await waitForReport(page);
  assert.equal(await focused(), 'verdict', 'focus moves to the verdict');
  // From the verdict, Tab reaches the exports and the kind controls.
  await tabTo('export-json', 5);
  await tabTo('kind-select', 10);
  await page.screenshot({ path: path.join(out, 'app-keyboard.png') });
  await assertClean(ctx);
});

test('Clear everything empties the text, the file, the report and the choices', async () => {
  const ctx = await openPage();
  const { page } = ctx;
  await page.getByTestId('file').setInputFiles(path.join(fixtures, 'people.csv'));
  await page.getByTestId('status').filter({ hasText: 'people.csv' }).waitFor();
  await setReferenceDate(page, REFERENCE_DATE);
  await run(page);
  await download(page, 'export-json');
  await page.getByTestId('clear').click();
  assert.equal(await page.getByTestId('input').inputValue(), '');
  assert.equal(await page.getByTestId('input').getAttribute('readonly'), null);
  assert.equal(await page.getByTestId('file').evaluate((f) => f.files.length), 0);
  assert.equal(await page.getByTestId('reference-date').inputValue(), '');
  assert.equal(await page.getByTestId('report').evaluate((r) => r.childElementCount), 0);
  assert.equal(await page.getByTestId('file-info').isVisible(), false);
  // The file's bytes are gone: Run has nothing to check.
  await page.getByTestId('run').click();
  await page.getByTestId('error').waitFor();
  assert.match(await page.getByTestId('error').textContent(), /Nothing to check/);
  await assertClean(ctx);
});

test('hostile input stays text: no markup from the data reaches the DOM', async () => {
  const ctx = await openPage();
  const { page } = ctx;
  const evil = '<img src=x onerror="window.__pwned=1">';
  await page.getByTestId('input').fill(`${evil},身份证号\n${evil},11010519491231002Y\n`);
  await page.getByTestId('show-values').count(); // no report yet
  await run(page);
  await page.getByTestId('show-values').check();
  await page.locator('[data-testid="flagged"] td.value').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-testid="flagged"] td.value')?.textContent.includes('*'));
  assert.equal(await page.locator('#report img').count(), 0, 'no element made from the data');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.ok((await page.getByTestId('report').textContent()).includes(evil), 'shown as text');
  const { text } = await download(page, 'export-report');
  assert.ok(!text.includes('<img'), 'the Markdown export escapes markup');
  await assertClean(ctx);
});

test('a report with an assessment shows its verdict level, evidence and signals', async () => {
  // The engine's real report for the demo, with an assessment added in the shape the
  // authenticity work adds to the Report (verdict + signals + suspicious rows): this checks
  // the page's rendering of it whether or not this build of the engine makes one yet.
  const ctx = await openPage();
  const { page } = ctx;
  const demo = readFileSync(path.join(fixtures, 'demo.csv'));
  const result = await page.evaluate(async (bytes) => {
    const { createEngine } = await import('./engine.js');
    const { renderReport } = await import('./render.js');
    const engine = createEngine();
    const report = await engine.run(new Uint8Array(bytes), { reference_date: '2024-06-01' }, () => {});
    const text = (en, zh) => ({ en, zh });
    report.assessment = {
      verdict: {
        level: 'likely_fabricated',
        score: 7,
        summary: text('Several strong signals point to generated records.', '多个强信号指向生成的记录。'),
        evidence: ['id_validity', 'abolished_codes'],
      },
      signals: [
        {
          id: 'id_validity', direction: 'fabricated', strength: 'strong', tested: true, statistic: 'share_invalid',
          value: 0.4, n: 300, expected: 0.003, p_value: null, interval: null,
          finding: text('40 % of the IDs fail a check.', '40% 的身份号码未通过校验。'),
          explanation: text('Genuine registers have a few typos per thousand.', '真实登记数据每千条只有几处录入错误。'),
        },
        {
          id: 'abolished_codes', direction: 'fabricated', strength: 'moderate', tested: true, statistic: 'share',
          value: 0, n: 300, expected: 0.04, p_value: null, interval: null,
          finding: text('No abolished region code.', '没有已撤销的地区码。'),
          explanation: text('Genuine registers of adults carry many.', '成年人的真实登记数据中会有不少。'),
        },
        {
          id: 'age_shape', direction: 'neutral', strength: 'weak', tested: false, statistic: 'chi2', value: null, n: 12,
          expected: null, p_value: null, interval: null, finding: text('', ''), explanation: text('Needs 200 people.', '需要至少 200 人。'),
        },
      ],
      suspicious_rows: { fitted: true, share: 0.1, count: 30, scored: 300, rows: [{ row: 3, score: 0.97, value: '1101**********002X' }], profile: [] },
      identity: { column: '身份证号', validator: 'cn_ric', country: 'CN', reference: 'cn_census_2020' },
    };
    document.getElementById('report').replaceChildren(...renderReport(report, {}));
    const v = document.querySelector('[data-testid="verdict"]');
    return {
      level: v.dataset.level,
      banner: v.textContent,
      signals: [...document.querySelectorAll('[data-testid="signal"]')].map((s) => [s.dataset.signal, s.dataset.direction]),
      suspicious: document.querySelectorAll('[data-testid="suspicious"] tbody tr').length,
    };
  }, [...demo]);
  assert.equal(result.level, 'likely_fabricated');
  assert.match(result.banner, /Probably fabricated/);
  assert.match(result.banner, /Several strong signals/);
  assert.match(result.banner, /40 % of the IDs fail a check/);
  assert.deepEqual(result.signals, [
    ['id_validity', 'fabricated'],
    ['abolished_codes', 'fabricated'],
    ['age_shape', 'untested'],
  ]);
  assert.equal(result.suspicious, 1);
  await page.getByTestId('verdict').screenshot({ path: path.join(out, 'app-assessment.png') });
  await assertClean(ctx);
});
