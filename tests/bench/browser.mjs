// Browser rows of the benchmark (run by scripts/bench.py, not by `make test`):
//   node tests/bench/browser.mjs FILE RUNS [BIG_FILE]
//     → prints one JSON line [{name, seconds, peak_mb, bytes?, rows?}]
// 1. Veracity's page from dist/ (served by scripts/serve.py), loaded and idle (its start-up
//    warm-up done): file chosen → Run → report rendered, with one worker and with navigator.hardwareConcurrency workers (the page's
//    default; one worker is had by making the page see hardwareConcurrency = 1).
// 2. 1,000 rows (the file's first 1,000 records) pasted, Run clicked → report rendered: the
//    page's own measure from the click to the report drawn (`veracity:run`), median of 9.
// 2b. the same file through the engine on 2 ranges: each range's time, the hash's time and
//    whether crypto.subtle or the wasm hasher made it, the merge's time and the parts' sizes
//    (engine.lastTiming), printed to stderr; the CPU time of Chromium's processes for the page
//    runs of 1. (user + system, median; it tells changes apart on a loaded machine where wall
//    time does not); and the 1,000-row runs split into click → report object in the page and
//    drawing it;
// 3. BIG_FILE (opt-in, e.g. 1 GB): file chosen → report, once, N workers.
// 4. Peer: papaparse + a hand-written ID checksum in a blank page: file chosen → done.
// Peak memory: the largest VmHWM of Chromium's renderer processes, read from /proc (Linux).
// Each run gets a fresh browser so that peak is that run's.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require(require.resolve('playwright-core', { paths: [process.env.NODE_PATH || ''] }));
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const [file, runsArg, bigFile] = process.argv.slice(2);
const runs = Number(runsArg || 3);
const papaparse = readFileSync(path.join(here, 'node_modules/papaparse/papaparse.min.js'), 'utf8');

/** CPU ms (user + system) so far of the Chromium processes this process started. */
function chromiumCpuMs() {
  const stat = new Map();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const t = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = t.slice(t.lastIndexOf(')') + 2).split(' ');
      stat.set(pid, { comm: t.slice(t.indexOf('(') + 1, t.lastIndexOf(')')), ppid: f[1], ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      // the process ended meanwhile
    }
  }
  const mine = (pid) => {
    for (let p = pid, k = 0; p && k < 12; p = stat.get(p)?.ppid, k++) if (p === String(process.pid)) return true;
    return false;
  };
  let ticks = 0;
  for (const [pid, s] of stat) if (s.comm.startsWith('chrom') && mine(pid)) ticks += s.ticks;
  return ticks * 10; // USER_HZ = 100 on Linux
}

function rendererPeakMb() {
  let peak = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('--type=renderer')) continue;
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) peak = Math.max(peak, Number(m[1]) / 1024);
    } catch {
      // the process ended meanwhile
    }
  }
  return peak;
}

async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function serve() {
  const p = spawn('python3', [path.join(root, 'scripts/serve.py'), '--dir', path.join(root, 'dist'), '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve) => {
    p.stdout.once('data', (d) => resolve(/http:\/\/\S+/.exec(String(d))[0]));
  });
  return { p, url };
}

/** The page loaded and idle: ready (`data-ready`) and its start-up warm-up done (app.js's
 * `veracity:warm` measure; at most 30 s), as a reader who then chooses a file finds it. Until
 * 2026-11-24 the runs started at `data-ready`, with the warm-up possibly still running. */
async function pageIdle(page) {
  await page.locator('body[data-ready="true"]').waitFor({ timeout: 60_000 });
  await page
    .waitForFunction(() => performance.getEntriesByName('veracity:warm').length > 0, null, { timeout: 30_000, polling: 20 })
    .catch(() => {});
}

async function veracityRun(url, { cores = 0, input = file, timeout = 300_000 } = {}) {
  const browser = await launch();
  const context = await browser.newContext();
  if (cores) {
    await context.addInitScript((n) => {
      Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => n });
    }, cores);
  }
  const page = await context.newPage();
  await page.goto(url);
  await pageIdle(page);
  const t0 = performance.now();
  await page.getByTestId('file').setInputFiles(input);
  // Polled every 10 ms: Playwright's own waits back off to one look every 500 ms, which added up
  // to half a second to the harness's clock (the papaparse peer below is polled every 20 ms).
  const name = path.basename(input);
  await page.waitForFunction((name) => document.querySelector('[data-testid="status"]')?.textContent.includes(name), name, { timeout: 120_000, polling: 10 });
  const cpu0 = chromiumCpuMs();
  await page.getByTestId('run').click();
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="verdict"]') &&
      /Done|完成/.test(document.querySelector('[data-testid="status"]')?.textContent ?? ''),
    null,
    { timeout, polling: 10 },
  );
  const secs = (performance.now() - t0) / 1000;
  const cpu = chromiumCpuMs() - cpu0;
  // The page's own measure of the same run, click → report drawn (app.js `veracity:run`): the
  // harness's clock above also counts Playwright's set-up of the file, its click and its
  // polling, which compete for the same 2 cores with the workers.
  const inPage = await page.evaluate(() => performance.getEntriesByName('veracity:run').at(-1)?.duration ?? NaN);
  const workers = page.workers().length;
  const rows = await page.evaluate(() => {
    const m = /([\d,]+)/.exec(document.querySelector('[data-testid="status"]').textContent);
    return m ? Number(m[1].replace(/,/g, '')) : 0;
  });
  const peak = rendererPeakMb();
  await browser.close();
  return { secs, inPage: inPage / 1000, cpu, peak, workers, rows };
}

/** Inside the page: the file through the engine on 2 ranges (warmed first, as the page does), and
 * `engine.lastTiming` — each range's ms, the hash's ms, the merge into the report (ms) and
 * each range's part in bytes. */
async function internals(url, input = file) {
  const browser = await launch();
  const page = await browser.newPage();
  await page.goto(url);
  await page.locator('body[data-ready="true"]').waitFor({ timeout: 60_000 });
  await page.getByTestId('file').setInputFiles(input);
  const timing = await page.evaluate(async () => {
    const f = document.querySelector('[data-testid="file"]').files[0];
    const { createEngine } = await import('./engine.js');
    const { demoBytes } = await import('./demo.js');
    const engine = createEngine({ workers: 2 });
    // Warmed like the page at load (app.js).
    await engine.warm(demoBytes());
    await engine.run(f, {}, () => {});
    const t = engine.lastTiming;
    engine.close();
    return t;
  });
  await browser.close();
  return timing;
}

/** Pastes the first 1,000 records and times click → report, `n` times in one page: the
 * page's measures `veracity:run` (click → report drawn), `veracity:engine` (click → report
 * object in the page) and `veracity:draw` (the report drawn). */
async function smallRuns(url, n) {
  const head = readFileSync(file, 'utf8').split('\n').slice(0, 1001).join('\n') + '\n';
  const browser = await launch();
  const page = await browser.newPage();
  await page.goto(url);
  await pageIdle(page);
  await page.getByTestId('input').fill(head);
  const times = [];
  const parts = { engine: [], draw: [] };
  for (let i = 0; i < n; i++) {
    await page.evaluate(() => ['run', 'engine', 'draw'].forEach((m) => performance.clearMeasures(`veracity:${m}`)));
    await page.getByTestId('run').click();
    await page.waitForFunction(() => performance.getEntriesByName('veracity:run').length > 0, null, { polling: 5 });
    const m = await page.evaluate(() =>
      Object.fromEntries(['run', 'engine', 'draw'].map((k) => [k, performance.getEntriesByName(`veracity:${k}`)[0]?.duration ?? 0])),
    );
    times.push(m.run);
    parts.engine.push(Math.round(m.engine));
    parts.draw.push(Math.round(m.draw));
    await page.waitForFunction(() => !document.querySelector('[data-testid="run"]').disabled, null, { polling: 5 });
  }
  await browser.close();
  times.parts = parts;
  return times;
}

async function papaRun() {
  const browser = await launch();
  const page = await browser.newPage();
  await page.setContent('<input type="file" id="f">');
  await page.addScriptTag({ content: papaparse });
  await page.evaluate(() => {
    const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const C = '10X98765432';
    const ok = (id) => {
      if (id.length !== 18) return false;
      let s = 0;
      for (let i = 0; i < 17; i++) {
        const d = id.charCodeAt(i) - 48;
        if (d < 0 || d > 9) return false;
        s += d * W[i];
      }
      return C[s % 11] === id[17].toUpperCase();
    };
    document.getElementById('f').addEventListener('change', async (e) => {
      const text = await e.target.files[0].text();
      const rows = Papa.parse(text, { skipEmptyLines: true }).data;
      const col = Math.max(0, rows[0].indexOf('身份证号'));
      let valid = 0;
      for (let i = 1; i < rows.length; i++) if (ok(rows[i][col] || '')) valid++;
      document.title = `done ${rows.length - 1} ${valid}`;
    });
  });
  const t0 = performance.now();
  await page.setInputFiles('#f', file);
  await page.waitForFunction(() => document.title.startsWith('done'), null, { timeout: 300_000, polling: 20 });
  const secs = (performance.now() - t0) / 1000;
  const peak = rendererPeakMb();
  await browser.close();
  return { secs, peak };
}

const out = [];
const cpu = {};
const { p, url } = await serve();
try {
  for (const [cores, label] of [
    [1, '1 worker'],
    [0, `${os.availableParallelism()} workers (hardwareConcurrency)`],
  ]) {
    const v = [];
    for (let i = 0; i < runs; i++) v.push(await veracityRun(url, { cores }));
    out.push({
      name: `Veracity wasm in Chromium, page: file chosen → report, ${label}`,
      seconds: median(v.map((r) => r.secs)),
      peak_mb: Math.max(...v.map((r) => r.peak)),
      threads: v[0].workers,
    });
    out.push({
      name: `Veracity page, its own measure of the same runs: click → report drawn, ${label}`,
      seconds: median(v.map((r) => r.inPage)),
      peak_mb: 0,
      threads: v[0].workers,
    });
    cpu[label] = median(v.map((r) => r.cpu));
  }
  out.push({ name: 'Veracity page runs of the file, Chromium CPU ms (median)', timing: cpu });
  const inside = await internals(url);
  out.push({ name: 'Veracity page internals, 2 ranges (engine.lastTiming)', timing: inside });
  const small = await smallRuns(url, 9);
  out.push({
    name: 'Veracity page: 1,000 rows pasted, click → report rendered (median of 9)',
    seconds: median(small) / 1000,
    peak_mb: 0,
    rows: 1000,
    all_ms: small.map((x) => Math.round(x)),
  });
  out.push({ name: 'Veracity page: 1,000 rows, click → report object (engine) and drawing, ms', timing: small.parts });
  if (bigFile) {
    const b = await veracityRun(url, { input: bigFile, timeout: 3_600_000 });
    out.push({
      name: `Veracity page: ${(statSync(bigFile).size / 1e9).toFixed(2)} GB generated file, ${b.workers} workers`,
      seconds: b.secs,
      peak_mb: b.peak,
      bytes: statSync(bigFile).size,
      rows: b.rows,
    });
  }
} finally {
  p.kill();
}
const j = [];
for (let i = 0; i < runs; i++) j.push(await papaRun());
out.push({
  name: 'peer: papaparse + JS ID checksum in Chromium',
  seconds: median(j.map((r) => r.secs)),
  peak_mb: Math.max(...j.map((r) => r.peak)),
});
console.log(JSON.stringify(out));
