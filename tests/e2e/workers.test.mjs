// Several workers (issue 7, page side): a file is cut into byte ranges, one worker verifies
// each, the browser's SHA-256 (crypto.subtle, in a secure context, up to a size cap; asked
// once a range is done) or the wasm hasher riding along in the first range's worker hashes the
// file, and the parts merge into the report. The report must
// be the one a single pass gives, whatever the number of workers and the chunk size: checked on
// generated CSV with quoted values that span lines and without, through the engine module of
// the hosted page (the whole input in one call, one range read in chunks, three ranges) and
// through the page itself in the offline single file opened from file:// (one worker against
// two, told apart by navigator.hardwareConcurrency). A cut inside a quoted value that spans
// lines falls back to one range with the same report; a cancelled run stops its workers and the
// next run works.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { env, setUp, tearDown, openPage, assertClean, dist, download, watch, seeded, syntheticPerson, summaryOfFile } from './helpers.mjs';

before(() => setUp());
after(() => tearDown());

/** Deterministic synthetic CSV (never real people): name, ID with its check digit, sex,
 * mobile, address, remarks. `quoted`: every 7th remark is a quoted value with line feeds,
 * commas and doubled quotes; `bigQuote`: one remark of that many lines in the middle row. */
function genCsv(rows, { quoted = false, bigQuote = 0, seed = 20221 } = {}) {
  const rnd = seeded(seed);
  const out = ['姓名,身份证号,性别,手机号,地址,备注'];
  for (let i = 0; i < rows; i++) {
    const p = syntheticPerson(rnd);
    let note = '';
    if (bigQuote && i === Math.floor(rows / 2)) {
      note = `"${Array.from({ length: bigQuote }, (_, k) => `第${k}行，说明 ""引用"", 逗号`).join('\n')}"`;
    } else if (quoted && i % 7 === 0) {
      note = `"第一行\n第二行, 含逗号\n""引号""${rnd(100)}"`;
    }
    out.push(`${p.name},${p.id},${p.sex},${p.phone},${p.address},${note}`);
  }
  return `${out.join('\n')}\n`;
}

/** In the hosted page: the report of `text` through engines built with each of `configs`,
 * with how each run was spread. */
async function reports(page, text, configs) {
  return page.evaluate(
    async ({ text, configs }) => {
      const { createEngine } = await import('./engine.js');
      const bytes = new TextEncoder().encode(text);
      const out = [];
      for (const c of configs) {
        const engine = createEngine(c.engine);
        const source = c.bytes ? bytes : new Blob([bytes]);
        let progress = 0;
        const report = await engine.run(source, {}, () => progress++);
        out.push({
          json: JSON.stringify(report),
          lastRun: engine.lastRun,
          hashBy: engine.lastTiming?.hashBy ?? null,
          progress,
          rows: report.input.rows,
        });
        engine.close();
      }
      return out;
    },
    { text, configs },
  );
}

const CONFIGS = [
  { bytes: true, engine: { workers: 1 } },
  { engine: { workers: 1, splitMinBytes: 0, chunkBytes: 65536 } },
  { engine: { workers: 3, splitMinBytes: 0, chunkBytes: 65536 } },
  { engine: { workers: 2, splitMinBytes: 0, chunkBytes: 1 << 20 } },
  { engine: { workers: 2, splitMinBytes: 0, chunkBytes: 65536, subtleMaxBytes: 0 } },
  { engine: { workers: 3, splitMinBytes: 0, chunkBytes: 65536, subtleMaxBytes: 0 } },
];

for (const quoted of [false, true]) {
  test(`three ranges, two ranges, one range in chunks and one call give the same report (${quoted ? 'quoted line feeds' : 'no quoted line feeds'})`, async () => {
    const ctx = await openPage();
    const text = genCsv(20_000, { quoted });
    const r = await reports(ctx.page, text, CONFIGS);
    assert.equal(r[0].rows, 20_000);
    assert.deepEqual(r[0].lastRun, { workers: 1, ranges: 0, fallback: false });
    assert.deepEqual(r[1].lastRun, { workers: 1, ranges: 1, fallback: false });
    // The page is a secure context (http://127.0.0.1): the browser hashes, no hashing worker.
    assert.deepEqual(r[2].lastRun, { workers: 3, ranges: 3, fallback: false });
    assert.equal(r[2].hashBy, 'subtle');
    assert.deepEqual(r[3].lastRun, { workers: 2, ranges: 2, fallback: false });
    assert.equal(r[3].hashBy, 'subtle');
    // Over the size cap: the first range's worker hashes with the wasm hasher, no more workers.
    assert.deepEqual(r[4].lastRun, { workers: 2, ranges: 2, fallback: false });
    assert.equal(r[4].hashBy, 'wasm');
    assert.deepEqual(r[5].lastRun, { workers: 3, ranges: 3, fallback: false });
    assert.equal(r[5].hashBy, 'wasm');
    for (const x of r.slice(1)) {
      assert.ok(x.progress > 1, 'progress was reported');
      assert.equal(x.json, r[0].json, `the same report (${JSON.stringify(x.lastRun)})`);
    }
    await assertClean(ctx);
  });
}


/** Runs `fn(file)` with `text` written to a temporary sample.csv, removed afterwards. */
async function withFile(text, fn, name = 'sample.csv') {
  const dir = mkdtempSync(path.join(tmpdir(), 'veracity-workers-'));
  try {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return await fn(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
/** genCsv's rows as JSON Lines; every 700th record after the first 1,000 also has an `email`
 * key, which the first 500 records (where the columns come from) do not have. */
function genJsonl(rows) {
  const [head, ...lines] = genCsv(rows).trimEnd().split('\n');
  const keys = head.split(',');
  return lines
    .map((line, i) => {
      const rec = Object.fromEntries(line.split(',').map((v, k) => [keys[k], v]));
      if (i >= 1000 && i % 700 === 0) rec.email = `user${i}@example.com`;
      return JSON.stringify(rec);
    })
    .join('\n') + '\n';
}

test('JSON Lines are cut into ranges like CSV: two workers give the report one gives, and the keys first seen after the first 500 records are counted and shown', async () => {
  const text = genJsonl(20_000);
  const late = Array.from({ length: 20_000 }, (_, i) => i >= 1000 && i % 700 === 0).filter(Boolean).length;
  const ctx = await openPage();
  const r = await ctx.page.evaluate(async (text) => {
    const { createEngine } = await import('./engine.js');
    const blob = new Blob([text]);
    const split = createEngine({ workers: 2, splitMinBytes: 0 });
    const one = createEngine({ workers: 1 });
    const a = await split.run(blob, { reference_date: '2026-01-01' });
    const b = await one.run(blob, { reference_date: '2026-01-01' });
    const lastRun = split.lastRun;
    split.close();
    one.close();
    return { same: JSON.stringify(a) === JSON.stringify(b), lastRun, input: a.input, columns: a.columns.map((c) => c.kind) };
  }, text);
  assert.deepEqual(r.lastRun, { workers: 2, ranges: 2, fallback: false });
  assert.ok(r.same, 'two ranges give the one-worker report');
  assert.equal(r.input.format, 'jsonl');
  assert.equal(r.input.rows, 20_000);
  assert.deepEqual(r.input.late_keys, { records: late, keys: { email: late }, more: false });
  assert.ok(r.columns.includes('cn_ric') && !r.columns.includes('email'), r.columns.join(' '));
  // The page shows them with the input's facts.
  const summary = await summaryOfFile(ctx.page, text, 'sample.jsonl');
  assert.match(summary, /Keys first seen after the first 500 records \(not analysed\)/);
  assert.ok(summary.includes(`${late} records: "email" ×${late}`), summary);
  await assertClean(ctx);
});

test('a cut inside a quoted value that spans lines falls back to one range, with the same report', async () => {
  const ctx = await openPage();
  const text = genCsv(20_000, { bigQuote: 60_000 });
  const r = await reports(ctx.page, text, [CONFIGS[0], CONFIGS[2]]);
  assert.deepEqual(r[1].lastRun, { workers: 1, ranges: 1, fallback: true });
  assert.equal(r[1].json, r[0].json);
  await assertClean(ctx);
});

/** How many workers the page's own engine keeps once its start-up warm-up is done (one per
 * range of a split file: the warm-up runs one). */
async function ownWorkers(page) {
  await page.waitForFunction(() => performance.getEntriesByName('veracity:warm').length > 0, null, { timeout: 30_000 });
  return page.workers().length;
}

test('a run on three ranges is cancelled at once and its workers stop; the next run works', async () => {
  const ctx = await openPage();
  const own = await ownWorkers(ctx.page);
  const text = genCsv(60_000, { quoted: true });
  const r = await ctx.page.evaluate(async (text) => {
    const { createEngine } = await import('./engine.js');
    const engine = createEngine({ workers: 3, splitMinBytes: 0, chunkBytes: 65536 });
    const blob = new Blob([text]);
    let asked = 0;
    const first = engine.run(blob, {}, () => {
      if (!asked) {
        asked = performance.now();
        engine.cancel();
      }
    });
    let message = '';
    try {
      await first;
    } catch (e) {
      message = e.message;
    }
    const latency = performance.now() - asked;
    const report = await engine.run(blob, {});
    return { message, latency, rows: report.input.rows, lastRun: engine.lastRun };
  }, text);
  assert.equal(r.message, 'cancelled');
  assert.ok(r.latency < 100, `cancel took ${r.latency} ms`);
  assert.equal(r.rows, 60_000);
  assert.deepEqual(r.lastRun, { workers: 3, ranges: 3, fallback: false });
  // Only the page's own workers and the pool of the second run are left (one worker per
  // range): the cancelled run's three were stopped.
  await ctx.page.waitForTimeout(200);
  assert.ok(ctx.page.workers().length <= own + 3, `${ctx.page.workers().length} workers left (the page's own: ${own})`);
  await assertClean(ctx);
});

test('a range worker that dies mid-run gives "the engine stopped"; the next run works', async () => {
  const ctx = await openPage();
  // The Worker class is replaced below: the page's own engine must have done its warm-up.
  await ownWorkers(ctx.page);
  const text = genCsv(20_000, { quoted: true });
  const r = await ctx.page.evaluate(async (text) => {
    // The second range's worker dies as it is given its range (as a trap or running out of
    // memory would end it): its Worker reports an error event and stops.
    const Real = globalThis.Worker;
    let killed = 0;
    globalThis.Worker = class extends Real {
      postMessage(msg, transfer) {
        if (msg?.type === 'part' && msg.start > 0 && !killed) {
          killed++;
          this.terminate();
          setTimeout(() => this.dispatchEvent(new ErrorEvent('error', { message: 'simulated out of memory' })), 50);
          return;
        }
        super.postMessage(msg, transfer);
      }
    };
    const { createEngine } = await import('./engine.js');
    const engine = createEngine({ workers: 3, splitMinBytes: 0, chunkBytes: 65536 });
    const blob = new Blob([text]);
    let message = '';
    try {
      await engine.run(blob, {});
    } catch (e) {
      message = e.message;
    }
    globalThis.Worker = Real;
    const again = await engine.run(blob, {});
    const one = createEngine({ workers: 1 });
    const same = JSON.stringify(again) === JSON.stringify(await one.run(blob, {}));
    engine.close();
    one.close();
    return { message, killed, rows: again.input.rows, lastRun: engine.lastRun, same };
  }, text);
  assert.equal(r.killed, 1);
  assert.equal(r.message, 'the engine stopped: simulated out of memory');
  assert.equal(r.rows, 20_000);
  assert.deepEqual(r.lastRun, { workers: 3, ranges: 3, fallback: false });
  assert.ok(r.same, 'the run after the failure gives the one-worker report');
  await assertClean(ctx, { allowErrors: [/simulated out of memory/] });
});

test('the offline single file from file://: two workers give the report one gives', async () => {
  const text = genCsv(120_000, { quoted: true });
  await withFile(text, async (file) => {
    assert.ok(Buffer.byteLength(text) > 8 << 20, 'bigger than the one-worker limit');
    const url = pathToFileURL(path.join(dist, 'veracity.html')).href;
    const got = [];
    for (const cores of [1, 2]) {
      const context = await env.browser.newContext({ acceptDownloads: true });
      await context.addInitScript((n) => {
        Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => n });
      }, cores);
      const page = await context.newPage();
      const seen = await watch(context, page);
      await page.goto(url);
      await page.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
      await page.getByTestId('file').setInputFiles(file);
      await page.getByTestId('status').filter({ hasText: 'sample.csv' }).waitFor();
      await page.getByTestId('run').click();
      await page.getByTestId('status').filter({ hasText: /Done/ }).waitFor({ timeout: 120_000 });
      const workers = page.workers().length;
      // Chromium treats file:// as a secure context, and its Blob URL workers too: the
      // browser's SHA-256 is there.
      assert.ok(await page.evaluate(() => isSecureContext && typeof crypto.subtle?.digest === 'function'));
      for (const w of page.workers()) {
        assert.ok(await w.evaluate(() => isSecureContext && typeof crypto.subtle?.digest === 'function'));
      }
      const { text: json } = await download(page, 'export-json');
      got.push({ workers, report: JSON.parse(json) });
      assert.deepEqual(seen.errors, []);
      assert.deepEqual(seen.csp, []);
      await context.close();
    }
    assert.equal(got[0].workers, 1, 'one worker');
    assert.equal(got[1].workers, 2, 'two range workers (the browser hashes)');
    assert.equal(got[0].report.input.rows, 120_000);
    assert.deepEqual(got[1].report, got[0].report);
  });
});

test("the browser's SHA-256 of a file is the wasm hasher's, and the wasm hasher takes over where crypto.subtle is missing or fails", async () => {
  const text = genCsv(30_000, { quoted: true });
  await withFile(text, async (file) => {
    const expected = createHash('sha256').update(text).digest('hex');
    const ctx = await openPage();
    const own = await ownWorkers(ctx.page);
    await ctx.page.getByTestId('file').setInputFiles(file);
    const r = await ctx.page.evaluate(async () => {
      const f = document.querySelector('[data-testid="file"]').files[0];
      const { createEngine } = await import('./engine.js');
      const one = async (config, before) => {
        const undo = before?.();
        const engine = createEngine({ workers: 2, splitMinBytes: 0, ...config });
        try {
          const report = await engine.run(f, {});
          return { json: JSON.stringify(report), sha: report.input.sha256, hashBy: engine.lastTiming.hashBy, lastRun: engine.lastRun };
        } finally {
          engine.close();
          undo?.();
        }
      };
      // An engine whose workers are up, for the test to break crypto.subtle in them.
      globalThis.prepared = createEngine({ workers: 2, splitMinBytes: 0 });
      await globalThis.prepared.warmUp();
      globalThis.prepared.prepare(f);
      globalThis.prepared1 = createEngine({ workers: 1 });
      await globalThis.prepared1.warmUp();
      const secure = isSecureContext;
      const subtle = await one({});
      const wasm = await one({ subtleMaxBytes: 0 });
      const capped = await one({ subtleMaxBytes: f.size - 1 });
      const atCap = await one({ subtleMaxBytes: f.size });
      // Not a secure context (a plain-http page on another host): no crypto.subtle at all.
      const insecure = await one({}, () => {
        const own = Object.getOwnPropertyDescriptor(globalThis, 'isSecureContext');
        Object.defineProperty(globalThis, 'isSecureContext', { value: false, configurable: true });
        return () => (own ? Object.defineProperty(globalThis, 'isSecureContext', own) : delete globalThis.isSecureContext);
      });
      const restored = isSecureContext;
      // One worker: it reads the file whole and has the browser digest it meanwhile; its
    // session does not hash.
      const single = await one({ workers: 1 });
      const singleTiming = await (async () => {
        const engine = createEngine({ workers: 1 });
        try {
          await engine.run(f, {});
          return engine.lastTiming;
        } finally {
          engine.close();
        }
      })();
      const singleWasm = await one({ workers: 1, subtleMaxBytes: 0 });
      return { secure, restored, subtle, wasm, capped, atCap, insecure, single, singleTiming, singleWasm };
    });
    // crypto.subtle.digest fails in the workers (as when one cannot hold the file whole): the
    // digesting worker hashes with the wasm hasher before it answers.
    // The page's own workers and the prepared engines' three (the closed engines' workers may
    // still be listed, and go).
    const live = own + 3;
    let broken = 0;
    for (let i = 0; i < 100 && broken < live; i++) {
      broken = 0;
      for (const w of ctx.page.workers()) {
        const ok = await w
          .evaluate(() => {
            SubtleCrypto.prototype.digest = () => Promise.reject(new Error('simulated: too big'));
            return true;
          })
          .catch(() => false);
        if (ok) broken++;
      }
      if (broken < live) await ctx.page.waitForTimeout(50);
    }
    assert.equal(broken, live, `crypto.subtle broken in ${live} live workers`);
    r.failing = await ctx.page.evaluate(async () => {
      const f = document.querySelector('[data-testid="file"]').files[0];
      const engine = globalThis.prepared;
      const report = await engine.run(f, {});
      engine.close();
      return { json: JSON.stringify(report), sha: report.input.sha256, hashBy: engine.lastTiming.hashBy, lastRun: engine.lastRun };
    });
    r.failingSingle = await ctx.page.evaluate(async () => {
      const f = document.querySelector('[data-testid="file"]').files[0];
      const engine = globalThis.prepared1;
      const report = await engine.run(f, {});
      engine.close();
      return { json: JSON.stringify(report), sha: report.input.sha256, hashBy: engine.lastTiming.hashBy, lastRun: engine.lastRun };
    });
    assert.equal(r.secure, true, 'http://127.0.0.1 is a secure context');
    assert.equal(r.restored, true, 'isSecureContext restored after the insecure case');
    assert.equal(r.single.hashBy, 'subtle');
    assert.equal(r.single.sha, expected);
    assert.equal(r.single.json, r.subtle.json, 'one worker: the same report');
    assert.deepEqual(r.single.lastRun, { workers: 1, ranges: 1, fallback: false });
    assert.equal(r.singleTiming.hashBy, 'subtle');
    assert.ok(r.singleTiming.stream > 0 && r.singleTiming.hash > 0, JSON.stringify(r.singleTiming));
    assert.equal(r.singleWasm.hashBy, 'wasm');
    assert.equal(r.singleWasm.sha, expected);
    assert.equal(r.singleWasm.json, r.subtle.json, 'one worker, the wasm hasher: the same report');
    assert.equal(r.subtle.hashBy, 'subtle');
    assert.equal(r.subtle.sha, expected);
    assert.equal(r.atCap.hashBy, 'subtle');
    for (const k of ['wasm', 'capped', 'failing', 'insecure', 'failingSingle']) {
      assert.equal(r[k].hashBy, 'wasm', k);
      assert.equal(r[k].sha, expected, k);
      assert.equal(r[k].json, r.subtle.json, `${k}: the same report`);
    }
    assert.deepEqual(r.subtle.lastRun, { workers: 2, ranges: 2, fallback: false });
    // The wasm hasher rides along in the first range's worker: no more workers.
    assert.deepEqual(r.wasm.lastRun, { workers: 2, ranges: 2, fallback: false });
    assert.deepEqual(r.insecure.lastRun, { workers: 2, ranges: 2, fallback: false });
    // The digest failed after the browser tried: the wasm hasher ran in the digesting worker
    // (with one worker: over the bytes it held).
    assert.deepEqual(r.failing.lastRun, { workers: 2, ranges: 2, fallback: false });
    await assertClean(ctx);
  });
});

test('a worker reads a file into one reused buffer where Blob streams take one, else in slices: the same report either way', async () => {
  const ctx = await openPage();
  await ownWorkers(ctx.page);
  const text = genCsv(120_000);
  const known = new Set(ctx.page.workers());
  await ctx.page.evaluate(async (text) => {
    const { createEngine } = await import('./engine.js');
    globalThis.blob = new Blob([text]);
    // Not the browser's digest, for which the worker reads the file whole at once.
    globalThis.engine = createEngine({ workers: 1, chunkBytes: 65536, subtleMaxBytes: 0 });
    await globalThis.engine.warmUp();
  }, text);
  const [w] = ctx.page.workers().filter((x) => !known.has(x));
  // Counts the worker's reads of each kind.
  const count = (noByob) =>
    w.evaluate((noByob) => {
      self.reads = { streams: 0, slices: 0 };
      self.blobOwn ??= { stream: Blob.prototype.stream, arrayBuffer: Blob.prototype.arrayBuffer };
      const { stream, arrayBuffer } = self.blobOwn;
      Blob.prototype.stream = function () {
        self.reads.streams++;
        // Like a browser whose Blob streams are not byte streams: getReader({mode: 'byob'}) throws.
        return noByob ? new ReadableStream({ start: (c) => c.close() }) : stream.call(this);
      };
      Blob.prototype.arrayBuffer = function () {
        self.reads.slices++;
        return arrayBuffer.call(this);
      };
    }, noByob);
  const runOnce = async () => {
    const json = await ctx.page.evaluate(async () => JSON.stringify(await globalThis.engine.run(globalThis.blob, {})));
    return { json, reads: await w.evaluate(() => self.reads) };
  };
  await count(false);
  const byob = await runOnce();
  await count(true);
  const slices = await runOnce();
  const one = await ctx.page.evaluate(async () => {
    globalThis.engine.close();
    const { createEngine } = await import('./engine.js');
    const whole = createEngine({ workers: 1 });
    const bytes = new Uint8Array(await globalThis.blob.arrayBuffer());
    const json = JSON.stringify(await whole.run(bytes, {}));
    whole.close();
    return json;
  });
  const bytes = Buffer.byteLength(text);
  assert.ok(bytes > 2 * (4 << 20), `${bytes} bytes: more than two 4 MiB reads`);
  assert.deepEqual(byob.reads, { streams: 1, slices: 0 }, 'one stream, no slices');
  assert.equal(slices.reads.streams, 1, 'the stream was tried');
  assert.equal(slices.reads.slices, Math.ceil(bytes / (4 << 20)), 'then 4 MiB slices');
  assert.equal(byob.json, slices.json);
  // The whole input in one call hashes the same bytes and reports the same (but how it was read).
  assert.equal(JSON.parse(byob.json).input.sha256, JSON.parse(one).input.sha256);
  assert.equal(JSON.parse(byob.json).input.rows, JSON.parse(one).input.rows);
  await assertClean(ctx);
});

test('the warm-up is invisible: a run queued behind it is the one Cancel stops, and the next run works', async () => {
  const ctx = await openPage();
  const text = genCsv(2_000);
  const r = await ctx.page.evaluate(async (text) => {
    const { createEngine } = await import('./engine.js');
    const { demoBytes } = await import('./demo.js');
    const engine = createEngine({ workers: 1 });
    const bytes = new TextEncoder().encode(text);
    const warm = engine.warm(demoBytes());
    const busyBefore = engine.busy;
    const first = engine.run(bytes, {});
    const busyQueued = engine.busy;
    engine.cancel();
    let message = '';
    try {
      await first;
    } catch (e) {
      message = e.message;
    }
    const warmed = await warm;
    const report = await engine.run(bytes, {});
    // A warm-up that runs to its end gives the demo's report, and a run after it works.
    const again = await engine.warm(demoBytes());
    engine.close();
    return { busyBefore, busyQueued, message, warmed, rows: report.input.rows, demoRows: again?.input.rows ?? 0 };
  }, text);
  assert.equal(r.busyBefore, false, 'the warm-up is not a run');
  assert.equal(r.busyQueued, true);
  assert.equal(r.message, 'cancelled');
  assert.equal(r.warmed, null, 'the cancelled warm-up resolves null');
  assert.equal(r.rows, 2_000);
  assert.ok(r.demoRows > 0);
  await assertClean(ctx);
});

test('the warm-up\'s rows are like a real file\'s: distinct IDs, valid but where the sample\'s own birth date is not, agreeing with the sex and birth date columns; a sample it cannot read gets none', async () => {
  const ctx = await openPage();
  const r = await ctx.page.evaluate(async () => {
    const { createEngine, variedRows } = await import('./engine.js');
    const { demoBytes } = await import('./demo.js');
    const demo = demoBytes();
    const size = 128 << 10;
    const rows = variedRows(demo, size);
    const head = demo.subarray(0, demo.indexOf(0x0a) + 1);
    const engine = createEngine({ workers: 1 });
    const report = await engine.run(new Blob([head, rows]), { reference_date: '2026-01-01' });
    const demoReport = await engine.run(demo, { reference_date: '2026-01-01' });
    engine.close();
    const lines = new TextDecoder().decode(rows).trimEnd().split('\n');
    const enc = new TextEncoder();
    return {
      bytes: rows.length,
      size,
      lines: lines.length,
      // IDs that come more than once: the demo's few 15-digit IDs, which the rows keep, and
      // (rarely) two 18-digit ones from demo IDs with the same region and birth date.
      repeated: [...new Set(lines.map((l) => l.split(',')[1]).filter((id, i, all) => all.indexOf(id) !== i))],
      distinctRows: new Set(lines).size,
      columns: report.columns.map((c) => [c.kind, c.values, c.valid]),
      demoInvalidShare: demoReport.columns[1].invalid / demoReport.columns[1].values,
      cross: Object.fromEntries(report.cross_checks.map((c) => [c.id, [c.checked, c.disagree]])),
      notDemo: [
        variedRows(enc.encode('a,b\n1,2\n'), 1000),
        variedRows(enc.encode(new TextDecoder().decode(demo).replace('周', '"周"')), 1000),
        variedRows(new Uint8Array([0xff, 0xfe, 0x0a]), 1000),
      ],
    };
  });
  assert.ok(r.bytes >= r.size, `${r.bytes} bytes`);
  assert.ok(r.lines > 1000, `${r.lines} rows`);
  const long = r.repeated.filter((id) => !/^\d{15}$/.test(id));
  assert.ok(long.length <= 0.005 * r.lines, `repeated IDs: ${r.repeated.join(' ')}`);
  assert.equal(r.distinctRows, r.lines);
  const kinds = r.columns.map((c) => c[0]);
  assert.deepEqual(kinds, ['person_name', 'cn_ric', 'cn_mobile', 'address', 'birth_date', 'sex']);
  for (const [kind, values, valid] of r.columns) {
    if (kind === 'cn_ric' || kind === 'birth_date') {
      // Only the IDs made from the demo's few impossible birth dates are invalid.
      assert.ok(valid >= (1 - 2 * r.demoInvalidShare - 0.01) * values, `${kind}: ${valid} of ${values} valid`);
    } else assert.equal(valid, values, kind);
  }
  assert.equal(r.cross.sex_vs_id[1], 0, 'the sex column agrees with every ID');
  assert.equal(r.cross.birth_date_vs_id[1], 0, 'the birth date column agrees with every ID');
  assert.ok(r.cross.sex_vs_id[0] >= 0.99 * r.lines);
  assert.ok(r.cross.address_province_vs_id[1] <= 0.02 * r.lines, 'addresses stay in their ID\'s province');
  assert.deepEqual(r.notDemo, [null, null, null]);
  await assertClean(ctx);
});

test('with several workers the warm-up runs the sample, then rows like it as a file on one worker and split: every worker starts, the sample\'s report comes back, the last run is untouched, and a run after it (or cancelled behind it) behaves', async () => {
  const ctx = await openPage();
  await ownWorkers(ctx.page); // the page's own warm-up done before Worker is replaced
  const text = genCsv(20_000);
  const r = await ctx.page.evaluate(async (text) => {
    const { createEngine } = await import('./engine.js');
    const { demoBytes } = await import('./demo.js');
    const blob = new Blob([new TextEncoder().encode(text)]);
    const plain = createEngine({ workers: 1 });
    const expected = JSON.stringify(await plain.run(blob, {}));
    plain.close();
    // Count the workers started and the ranges asked of them.
    const Real = globalThis.Worker;
    const seen = { workers: 0, runs: 0, streams: 0, parts: 0 };
    // Set to a function: called (once, after the engine's current step) when a range is asked.
    let onPart = null;
    globalThis.Worker = class extends Real {
      constructor(...args) {
        super(...args);
        seen.workers++;
      }
      postMessage(msg, ...rest) {
        if (msg?.type === 'run') seen.runs++;
        if (msg?.type === 'stream') seen.streams++;
        if (msg?.type === 'part') {
          seen.parts++;
          const f = onPart;
          onPart = null;
          if (f) queueMicrotask(f);
        }
        return super.postMessage(msg, ...rest);
      }
    };
    const engine = createEngine({ workers: 2, splitMinBytes: 0 });
    const warmed = await engine.warm(demoBytes());
    const afterWarm = { lastRun: engine.lastRun, lastTiming: engine.lastTiming };
    const warmSeen = { ...seen };
    const report = await engine.run(blob, {});
    const lastRun = engine.lastRun;
    // Cancel while the warm-up is in its ranges (as soon as it has asked for them): the run
    // queued behind it is stopped, the warm-up resolves null and the next run works.
    const partsBefore = seen.parts;
    onPart = () => engine.cancel();
    const warm2 = engine.warm(demoBytes());
    const queued = engine.run(blob, {});
    let message = '';
    try {
      await queued;
    } catch (e) {
      message = e.message;
    }
    const warmed2 = await warm2;
    const cancelledInRanges = seen.parts > partsBefore;
    const again = JSON.stringify(await engine.run(blob, {}));
    engine.close();
    globalThis.Worker = Real;
    return {
      warmSeen,
      cancelledInRanges,
      warmRows: warmed?.input.rows ?? 0,
      warmInputBytes: warmed?.input.bytes ?? 0,
      demoBytes: demoBytes().length,
      demoLines: new TextDecoder().decode(demoBytes()).trimEnd().split('\n').length,
      afterWarm,
      same: JSON.stringify(report) === expected,
      sameAgain: again === expected,
      lastRun,
      message,
      warmed2,
    };
  }, text);
  // It resolves with the demo's own report.
  assert.equal(r.warmInputBytes, r.demoBytes);
  assert.equal(r.warmRows, r.demoLines - 1);
  assert.deepEqual(r.afterWarm, { lastRun: null, lastTiming: null }, 'the warm-up is not a run');
  assert.ok(r.same, 'a run after the warm-up gives the report of one worker');
  assert.deepEqual(r.lastRun, { workers: 2, ranges: 2, fallback: false });
  assert.equal(r.message, 'cancelled');
  assert.ok(r.cancelledInRanges, 'the second warm-up was cancelled in its ranges');
  assert.equal(r.warmed2, null, 'the cancelled warm-up resolves null');
  assert.ok(r.sameAgain);
  assert.deepEqual(
    r.warmSeen,
    { workers: 2, runs: 1, streams: 1, parts: 2 },
    'the warm-up started both workers, ran the sample in one call, a file on one worker and two ranges',
  );
  await assertClean(ctx);
});
