// The page under bad input and a dying engine (issue 8, page side). A catalogue of hostile or
// broken files, each opened in the page: each gives a report or a one-line error on the page,
// never a frozen or blank page, and the page still works afterwards. A worker that dies (an
// uncaught error in the worker, or a wasm trap) is reported on the page and the next run works
// without a reload. The worker accepts only its whitelisted calls; requests queue one at a
// time. In a frame, the page posts its parent only height and status, whatever flow runs.
// Privacy (no request beyond the page's files, no CSP violation, nothing stored, nothing in
// the URL) is checked after every test. Screenshots go to tests/out/robust-*.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createServer } from 'node:http';
import { env, setUp, tearDown, openPage, assertClean, loadDemo, run, watch, out, dist, markStale, fresh } from './helpers.mjs';

before(() => setUp());
after(() => tearDown());

const enc = (s) => Buffer.from(s, 'utf8');
const bytes = (...parts) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? enc(p) : Buffer.from(p))));
function pseudoRandom(n, seed = 7) {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

const CSV = '姓名,身份证号,手机号\n张三,11010519491231002X,13800138000\n李四,440524188001010014,13912345678\n';

/** [name, bytes, expected: 'report' | 'error' | 'either'] */
const CASES = [
  ['empty', Buffer.alloc(0), 'error'],
  ['only a header', enc('姓名,身份证号,手机号\n'), 'either'],
  ['only a BOM', Buffer.from([0xef, 0xbb, 0xbf]), 'either'],
  ['a PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52], pseudoRandom(4000, 1)), 'either'],
  ['a ZIP', bytes('PK\x03\x04\x14\x00\x00\x00\x08\x00', pseudoRandom(4000, 2), 'PK\x05\x06'), 'either'],
  ['a PDF', bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nstream\n', pseudoRandom(3000, 3), '\nendstream\n%%EOF\n'), 'either'],
  ['a wasm file', bytes([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], pseudoRandom(3000, 4)), 'either'],
  ['NUL bytes', bytes('姓名,手机号\n张三\0,138\x0000138000\n', Buffer.alloc(500), '\n李四,13912345678\n'), 'either'],
  ['invalid UTF-8 mid-file', bytes(CSV, [0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1], ',x,y\n', CSV.split('\n').slice(1).join('\n')), 'report'],
  ['an unclosed quote', enc('姓名,身份证号\n"张三,11010519491231002X\n李四,440524188001010014\n'), 'either'],
  ['a 20 MB single line', Buffer.alloc(20 * 1024 * 1024, 0x41), 'either'],
  ['100,000 columns', enc(`${Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',')}\n${Array.from({ length: 100_000 }, (_, i) => i).join(',')}\n`), 'either'],
  ['deeply nested JSON', enc(`${'['.repeat(100_000)}${']'.repeat(100_000)}`), 'either'],
  ['JSON with duplicate keys', enc('[{"姓名":"张三","姓名":"李四","手机号":"13800138000"},{"姓名":"王五","手机号":"13912345678"}]'), 'either'],
  ['an unterminated SQL string', enc("CREATE TABLE t (name varchar(20), phone varchar(20));\nINSERT INTO t VALUES ('张三','13800138000'),('李四,13912345678);\n"), 'either'],
  ['RTL and zero-width characters', enc('姓名,手机号\n\u202e张三\u200b,138\u200d0013\u20608000\n\u200f李四,\ufeff13912345678\n'), 'report'],
  ['a 1 MB value', enc(`姓名,备注\n张三,${'长'.repeat(350_000)}\n李四,短\n`), 'report'],
  ['a header repeated mid-file', enc(`${CSV}姓名,身份证号,手机号\n王五,110105194912310021,13700137000\n`), 'report'],
  ['numbers that overflow', enc('id,n\n1,99999999999999999999999999999999999\n2,1e999999\n3,-0\n'), 'report'],
];

/** Opens `buf` as a file, runs, and returns what the page shows: {kind, text, ms}. */
async function tryFile(page, name, buf) {
  await page.getByTestId('file').setInputFiles({ name: `${name.replace(/\W+/g, '-')}.bin`, mimeType: 'application/octet-stream', buffer: buf });
  await markStale(page);
  await page.getByTestId('run').click();
  const t0 = Date.now();
  const shown = fresh(page);
  await shown.waitFor({ timeout: 120_000 });
  await page.locator('#progress-row').waitFor({ state: 'hidden', timeout: 120_000 });
  const ms = Date.now() - t0;
  const kind = (await shown.getAttribute('data-testid')) === 'error' ? 'error' : 'report';
  const text = (await shown.innerText()).trim();
  return { kind, text, ms };
}

test('a catalogue of bad inputs: each gives a report or a one-line error, and the page goes on working', async () => {
  const ctx = await openPage();
  const { page } = ctx;
  const results = [];
  for (const [name, buf, expected] of CASES) {
    const r = await tryFile(page, name, buf);
    results.push(`${name}: ${r.kind} in ${r.ms} ms${r.kind === 'error' ? ` — ${r.text}` : ''}`);
    if (expected !== 'either') assert.equal(r.kind, expected, `${name}: ${r.text}`);
    assert.ok(r.text.length > 0, `${name}: something is shown`);
    if (r.kind === 'error') {
      assert.ok(!r.text.includes('\n'), `${name}: one line: ${r.text}`);
      assert.ok(r.text.length < 400, `${name}: a short message: ${r.text}`);
      assert.doesNotMatch(r.text, /unreachable|RuntimeError|panicked/, `${name}: no trap`);
    } else {
      // Row counts add up in every column (valid + invalid + empty + unparseable = rows).
      const report = await page.evaluate(async () => {
        const rows = document.querySelectorAll('[data-testid="column-card"]').length;
        return { cards: rows, summary: document.querySelector('[data-testid="summary"]')?.textContent ?? '' };
      });
      assert.ok(report.summary.length > 0, `${name}: the input summary is shown`);
    }
    // The page responds at once after each case.
    const t = Date.now();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
    assert.ok(Date.now() - t < 1000, `${name}: the page is responsive`);
  }
  for (const line of results) console.log(line);
  await page.screenshot({ path: path.join(out, 'robust-last.png') });
  // And after all of them, a good sample still gives a report.
  await page.getByTestId('file-remove').click();
  await page.getByTestId('input').fill(CSV);
  await run(page);
  assert.equal(await page.getByTestId('column-card').count(), 3);
  await assertClean(ctx);
});

/** The engine's worker as Playwright sees it. */
async function engineWorker(page) {
  for (let i = 0; i < 50; i++) {
    const w = page.workers().find((x) => x.url().endsWith('/worker.js'));
    if (w) return w;
    await page.waitForTimeout(100);
  }
  throw new Error('no engine worker');
}

test('a worker that dies is reported on the page; the next run and the next draw work without a reload', async () => {
  const ctx = await openPage();
  const { page } = ctx;
  await loadDemo(page);
  await run(page);

  // 1. An uncaught error in the worker (it dies with the next message).
  let w = await engineWorker(page);
  await w.evaluate(() => {
    self.onmessage = () => {
      throw new Error('simulated crash');
    };
  });
  await markStale(page);
  await page.getByTestId('run').click();
  await fresh(page).waitFor({ timeout: 30_000 });
  assert.match(await fresh(page).textContent(), /engine stopped.*simulated crash/);
  await page.screenshot({ path: path.join(out, 'robust-worker-died.png') });
  await run(page);
  assert.ok((await page.getByTestId('column-card').count()) > 0, 'a fresh worker gives the report');

  // 2. A wasm trap (what a panic or running out of memory does): the instance is dropped.
  w = await engineWorker(page);
  await w.evaluate(() => {
    wasm_bindgen.drawCallSheet = () => {
      throw new WebAssembly.RuntimeError('unreachable');
    };
  });
  await page.getByTestId('sheet-seed').fill('42');
  await page.getByTestId('sheet-draw').click();
  await page.getByTestId('sheet-error').waitFor({ timeout: 30_000 });
  assert.match(await page.getByTestId('sheet-error').textContent(), /engine stopped: unreachable/);
  await page.getByTestId('sheet-draw').click();
  await page.getByTestId('sheet-table').waitFor({ timeout: 30_000 });
  assert.equal(await page.getByTestId('sheet-seed-used').textContent(), '42');
  await run(page);

  // 3. A trap while a file streams (out of memory in a feed): wasm-bindgen then refuses to free
  // the session it was borrowing ("attempted to take ownership…"), and that error, thrown from
  // the worker's cleanup, must not hide the trap: the page still says the engine stopped, and
  // the next run gets a fresh worker.
  w = await engineWorker(page);
  await w.evaluate(() => {
    const proto = wasm_bindgen.VerifySession.prototype;
    proto.feed = () => {
      throw new WebAssembly.RuntimeError('memory access out of bounds');
    };
    proto.free = () => {
      throw new Error('attempted to take ownership of Rust value while it was borrowed');
    };
  });
  const trapped = await tryFile(page, 'trapped.csv', enc(CSV));
  assert.equal(trapped.kind, 'error', trapped.text);
  assert.match(trapped.text, /engine stopped: memory access out of bounds/);
  const again = await tryFile(page, 'again.csv', enc(CSV));
  assert.equal(again.kind, 'report', again.text);
  await assertClean(ctx, { allowErrors: [/simulated crash/] });
});

test('the worker runs only its whitelisted calls; requests queue and all settle; cancel spares the queue', async () => {
  const ctx = await openPage();
  const { page } = ctx;
  const r = await page.evaluate(async () => {
    // The raw protocol: anything but the whitelist is refused.
    const w = new Worker('./worker.js');
    const replies = [];
    const ask = (msg) =>
      new Promise((resolve) => {
        w.onmessage = (e) => {
          if (e.data.type !== 'ready') resolve(e.data);
        };
        w.postMessage(msg);
      });
    await new Promise((resolve) => {
      w.onmessage = (e) => e.data.type === 'ready' && resolve();
      w.postMessage({ type: 'init' });
    });
    for (const method of ['verify', 'constructor', '__proto__', 'toString', 'version', 'hasOwnProperty']) {
      replies.push([method, await ask({ type: 'call', id: 1, method, args: [] })]);
    }
    const ok = await ask({ type: 'call', id: 2, method: 'check', args: ['GB82WEST12345698765432', null, null] });
    w.terminate();

    // The engine: a run, checks and a call sheet asked at once all settle, in order.
    const { createEngine } = await import('./engine.js');
    const engine = createEngine();
    const csv = new TextEncoder().encode('姓名,手机号\n张三,13800138000\n李四,13912345678\n');
    const order = [];
    const all = await Promise.all([
      engine.run(csv, {}).then((x) => (order.push('run'), x.input.rows)),
      engine.check('13800138000').then((x) => (order.push('check'), x.formats.length)),
      engine.formats().then((x) => (order.push('formats'), x.length)),
      engine.drawCallSheet(csv, {}, { n: 1, seed: '5' }).then((x) => (order.push('draw'), x.rows.length)),
    ]);
    let second = '';
    try {
      await engine.run(csv, {});
      second = 'ran';
    } catch (e) {
      second = e.message;
    }
    // Cancel stops the request in flight; the queued one still answers (on a fresh worker).
    const big = new Uint8Array(30_000_000).fill(0x41);
    for (let i = 99; i < big.length; i += 100) big[i] = 0x0a;
    const slow = engine.run(big, {}).then(
      () => 'finished',
      (e) => e.message,
    );
    const queued = engine.check('GB82WEST12345698765432');
    await new Promise((res) => setTimeout(res, 50));
    engine.cancel();
    return {
      refused: replies.map(([m, x]) => [m, x.type, x.message]),
      ok: ok.type === 'result' && ok.value.formats[0].format,
      all,
      order,
      second,
      slow: await slow,
      queued: (await queued).formats.map((f) => f.format),
    };
  });
  for (const [method, type, message] of r.refused) {
    assert.equal(type, 'error', method);
    assert.match(message, /unknown engine call/, method);
  }
  assert.equal(r.ok, 'iban');
  assert.deepEqual(r.order, ['run', 'check', 'formats', 'draw']);
  assert.equal(r.all[0], 2);
  assert.equal(r.all[3], 1);
  assert.equal(r.second, 'ran', 'a run after the first has settled is fine');
  assert.equal(r.slow, 'cancelled');
  assert.deepEqual(r.queued, ['iban']);
  await assertClean(ctx);
});

test('in a frame, every flow posts the parent only height and status', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1200, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  // The host page from a second loopback server (Chromium blocks a public or routed page from
  // framing a local server).
  const body = `<!doctype html><title>host</title><script>window.__got = []; addEventListener('message', (e) => window.__got.push({ origin: e.origin, data: e.data }));</script><iframe src="${env.origin}/" style="width:1100px;height:800px"></iframe>`;
  const host = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(body);
  });
  await new Promise((resolve) => host.listen(0, '127.0.0.1', resolve));
  const hostOrigin = `http://127.0.0.1:${host.address().port}`;
  const seen = await watch(context, page, { allowOrigins: [hostOrigin] });
  await page.goto(`${hostOrigin}/`);
  const frame = page.frameLocator('iframe');
  await frame.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
  await loadDemo(frame);
  await run(frame);
  await frame.getByTestId('sheet-seed').fill('9');
  await frame.getByTestId('sheet-draw').click();
  await frame.getByTestId('sheet-table').waitFor({ timeout: 30_000 });
  await frame.getByTestId('compare-file').setInputFiles({ name: 'earlier.csv', mimeType: 'text/csv', buffer: enc(CSV) });
  await frame.getByTestId('compare-run').click();
  await frame.getByTestId('compare-result').waitFor({ timeout: 30_000 });
  await frame.getByTestId('check-input').fill('11010519491231002X');
  await frame.getByTestId('check-run').click();
  await frame.getByTestId('check-verdict').first().waitFor();
  await Promise.all([page.waitForEvent('download'), frame.getByTestId('export-report').click()]);
  await frame.getByTestId('clear').click();
  await page.waitForTimeout(300);
  const got = await page.evaluate(() => window.__got);
  assert.ok(got.length > 0, 'the frame posts its height');
  for (const { origin, data } of got) {
    assert.equal(origin, env.origin);
    const keys = Object.keys(data).sort();
    if (data.type === 'height') assert.deepEqual(keys, ['height', 'type', 'veracity']);
    else {
      assert.equal(data.type, 'status');
      assert.deepEqual(keys, ['status', 'type', 'veracity']);
      assert.ok(['ready', 'wasm-blocked'].includes(data.status));
    }
  }
  assert.deepEqual(seen.foreign, []);
  assert.deepEqual(seen.csp, []);
  assert.deepEqual(seen.errors, []);
  host.close();
  const stored = await frame.locator('body').evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    cookie: document.cookie,
    url: location.href,
  }));
  assert.deepEqual(stored, { local: 0, session: 0, cookie: '', url: `${env.origin}/` });
  await context.close();
});

test('the single file from file:// runs the new flows too, with no request at all', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1200, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => {
    if (!r.url().startsWith('file:') && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) requests.push(r.url());
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`file://${path.join(dist, 'veracity.html')}`);
  await page.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
  await page.getByTestId('check-input').fill('11010519491231002X');
  await page.getByTestId('check-run').click();
  await page.locator('[data-testid="check-verdict"][data-format="cn_ric"][data-valid="true"]').waitFor();
  await loadDemo(page);
  await run(page);
  await page.getByTestId('sheet-seed').fill('3');
  await page.getByTestId('sheet-draw').click();
  await page.getByTestId('sheet-table').waitFor({ timeout: 30_000 });
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-report').click()]);
  assert.match(dl.suggestedFilename(), /\.html$/);
  assert.match(await page.getByTestId('report-sha256').textContent(), /^[0-9a-f]{64}$/);
  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
  await context.close();
});
