// The page's handle on the engine: Web Workers running the wasm, with progress, an immediate
// cancel (the workers are terminated) and recovery when a worker dies (the next request starts
// fresh ones). The only module that knows how workers are made and what the worker protocol is
// (documented in worker.js).
//
// Requests go one at a time, in order: verify runs (`run`, with progress) and calls to the
// engine's other functions (`evidence`, `drawCallSheet`, `callSheetCsv`, `compare`, `check`,
// `formats`; the worker accepts no others). A request made while another is in flight waits
// in a queue. `cancel()` stops the one in flight at once (it rejects with Error('cancelled'));
// queued requests then run on fresh workers.
//
// Inputs: a pasted text's bytes (Uint8Array; crosses as a transferred copy, the caller keeps
// its own) or a file (a Blob or File; crosses as a handle, and the workers read it themselves,
// in chunks — neither this page nor a worker holds a whole file, but for the worker that has
// crypto.subtle hash one of up to SUBTLE_MAX_BYTES, and a range worker holds its range of up to
// 64 MiB, read in one piece: worker.js). A file on one worker is hashed the same way: up to
// SUBTLE_MAX_BYTES, that worker reads it whole and has crypto.subtle digest it while it
// verifies it; larger, its session hashes the chunks as it is fed. A stream the engine finds
// must be read whole after all (an Elasticsearch search response that is not one valid JSON
// document past its head, an SQL dump with a statement start longer than a stream holds) runs
// again in one call, the file read whole. A file the engine streams but cannot cut (a JSON
// array or search response, an SQL dump) runs as one range on one worker, read in chunks. A
// large file in a format that can be cut (delimited text, JSON Lines, loose text; UTF-8 or
// GB18030) is split into one byte range per worker (navigator.hardwareConcurrency, at most
// MAX_WORKERS); each worker verifies its range and returns a partial result, and one worker
// merges the parts into the report. The file's SHA-256 comes from the browser's crypto.subtle (a secure context,
// files up to SUBTLE_MAX_BYTES): the first range's worker reads the file whole while it
// verifies its range and has it digested once that is done, alongside the other ranges and the
// merge (on another worker); or from the wasm hasher in the first range's worker, which hashes its
// range's bytes as it reads them and then reads on to the end of the file (its range is
// shorter by as much: HASH_WEIGHT).
// When a cut falls inside a quoted field that spans lines, the engine says so and the file
// runs again as one range. The wasm is compiled once, by the first worker, and the
// compiled Module is handed to the others.
//
// Hosted page: workers are worker.js beside this file (it loads the wasm itself, without
// fetch). Offline single file and embed: the build sets globalThis.__VERACITY_INLINE__ =
// {workerSource, wasm} (the worker's source text and the wasm as base64 text or bytes) and
// workers start from a Blob URL (worker-src blob:).

/** At most this many workers verify one file. */
export const MAX_WORKERS = 4;
/** Files under this size run on one worker (splitting costs more than it saves). */
export const SPLIT_MIN_BYTES = 8 << 20;
/** How far from an even split a cut may move to fall between two lines without quotes. */
const CUT_WINDOW = 32 << 10;
/** Bytes a worker reads from a file at a time. */
export const CHUNK_BYTES = 1 << 20;
/** A file up to this size is hashed by the browser's own SHA-256 (`crypto.subtle.digest`,
 * native code) where the page is a secure context (https, localhost, file:// in Chromium):
 * split into ranges, by the first range's worker once its range is done; on one worker, by
 * that worker while it verifies the file. The digest wants the whole input, so that worker
 * reads the file whole at once and holds it through its range (it verifies its range from
 * those bytes) — and Chromium a copy of them for the digest: up to 2 × this size. Larger
 * files, and pages without `crypto.subtle`, hash with the streaming wasm hasher (chunks only):
 * in the first range's worker, or in the session of the one worker. */
export const SUBTLE_MAX_BYTES = 128 << 20;

/** The smallest wasm module that uses WebAssembly SIMD (a function returning the v128 of
 * `i8x16.splat(i32.const 0)`): the engine is compiled with SIMD (.cargo/config.toml), so a
 * browser that cannot validate this cannot compile the engine either. */
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, // types: () -> v128
  0x03, 0x02, 0x01, 0x00, // functions: one, of type 0
  0x0a, 0x08, 0x01, 0x06, 0x00, 0x41, 0x00, 0xfd, 0x0f, 0x0b, // code: i32.const 0; i8x16.splat; end
]);

/** Whether this browser's WebAssembly has SIMD (Chrome/Edge 91, Firefox 89, Safari 16.4 and
 * later). */
export function hasWasmSimd() {
  try {
    return WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

/** The Error warmUp rejects with when the browser lacks WebAssembly SIMD (code 'no-simd'). */
function noSimdError() {
  const err = new Error('this browser has no WebAssembly SIMD (Chrome/Edge 91, Firefox 89, Safari 16.4 or later needed)');
  err.code = 'no-simd';
  return err;
}

/** The wasm hasher's time per byte as a share of a range's: the first range is made shorter by
 * as much when its worker also hashes the file. Fitted to two 1.01 GB runs on 2 workers
 * (README, Performance): the hasher reading on past its range at 227–255 MB/s and a range at
 * 72–74 MB/s (≈ 59 MB/s while also hashing) put the even finish at a first range of 35–37 %
 * of the file, a weight of 0.26–0.30. */
export const HASH_WEIGHT = 0.28;
/** What a merged report holds as its SHA-256 until crypto.subtle's digest replaces it (never
 * returned: a run that has no digest fails). */
const PENDING_SHA256 = '0'.repeat(64);

/** The warm-up's file (rows like the sample's, see warmJob) has at least this many bytes. */
export const WARM_BYTES = 512 << 10;

/** At most one progress report per this many ms reaches the page (the workers send one per
 * chunk read), and the last one. Each report redraws the progress bar and its text: at 20 a
 * second the page's main thread, compositor and GPU process took ≈ 1.6 s of CPU in a 1 GB run
 * (on 2 cores, beside the workers); 5 a second is still a moving bar. */
export const PROGRESS_MS = 200;

/** `fn` called for the first progress report, then at most once per PROGRESS_MS, and for the
 * one that says the input is all read. */
function everyFew(fn) {
  let last = -Infinity;
  return (p) => {
    const now = performance.now();
    if (now - last < PROGRESS_MS && !(p.total > 0 && p.done >= p.total)) return;
    last = now;
    fn(p);
  };
}

/** ISO 7064 MOD 11-2 check character of a Chinese resident ID's first 17 digits. */
function ricCheck(digits17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (digits17.charCodeAt(i) - 48) * w[i];
  return '10X98765432'[sum % 11];
}

/** For the warm-up (see warmJob): rows like those of `bytes` (the demo: UTF-8 CSV, one header
 * line, then name, 18-digit ID, mobile, address, birth date and sex in any order, no quotes),
 * at least `size` bytes of them, without the header. Row k is sample row c's (c = 13k + 5
 * modulo the rows) with new numbers: its ID's sequence number and check digit (the sex and
 * birth date columns made to agree), its mobile's last four digits and its address's house
 * number, and a name made of row k's surname and row 7k + 3's given name. Its IDs, numbers,
 * names and addresses are mostly distinct, as in a real file, so the engine's maps, parts and
 * merge do the work a large file makes them do, not the little a repeated sample does. Null
 * when `bytes` is not such a sample. */
export function variedRows(bytes, size) {
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  if (text.includes('"')) return null;
  const rows = text.split(/\r?\n/).slice(1).filter((l) => l.length > 0).map((l) => l.split(','));
  if (rows.length < 10 || rows.some((r) => r.length !== rows[0].length)) return null;
  // The column where nine in ten values or more have the shape (the demo has some 15-digit IDs).
  const where = (re) =>
    rows[0].findIndex((_, c) => rows.filter((r) => r[c] === '' || re.test(r[c])).length >= 0.9 * rows.length);
  const id = where(/^\d{17}[\dX]$/i);
  const born = where(/^\d{4}-\d\d-\d\d$/);
  const phone = where(/^1\d{10}$/);
  const sex = where(/^[男女]$/);
  const addr = where(/\d+号/);
  const name = where(/^[\u4e00-\u9fff]{2,4}$/);
  const cols = [id, born, phone, sex, addr, name];
  if (cols.some((c) => c < 0) || new Set(cols).size !== cols.length) return null;
  // Each row's parts, split once: an ID's first 14 digits (18-digit IDs only), a mobile's first
  // seven, an address around its house number.
  const ids = rows.map((r) => (/^\d{17}[\dX]$/i.test(r[id]) ? r[id].slice(0, 14) : null));
  const mobiles = rows.map((r) => (r[phone] ? r[phone].slice(0, 7) : ''));
  const addrs = rows.map((r) => {
    const m = /\d+号/.exec(r[addr]);
    return m ? [r[addr].slice(0, m.index), r[addr].slice(m.index + m[0].length - 1)] : [r[addr], ''];
  });
  const n = rows.length;
  const enc = new TextEncoder();
  const out = [];
  let bytesOut = 0;
  for (let k = 0; bytesOut < size; ) {
    // A thousand rows at a time, encoded at once.
    const lines = [];
    for (const end = k + 1000; k < end; k++) {
      // The name from two rows; the rest from a third, with new numbers.
      const c = (k * 13 + 5) % n;
      const r = rows[c].slice();
      const body14 = ids[c];
      if (body14) {
        const body = body14 + String((k * 37 + 11) % 1000).padStart(3, '0');
        r[id] = body + ricCheck(body);
        r[born] = `${body.slice(6, 10)}-${body.slice(10, 12)}-${body.slice(12, 14)}`;
        r[sex] = (body.charCodeAt(16) - 48) % 2 === 1 ? '男' : '女';
      }
      const [surname, given] = [rows[k % n][name], rows[(k * 7 + 3) % n][name]];
      r[name] = surname && given ? surname[0] + given.slice(1) : surname;
      r[phone] = mobiles[c] ? mobiles[c] + String((k * 7919) % 10000).padStart(4, '0') : '';
      const [before, after] = addrs[c];
      r[addr] = after ? `${before}${(k % 997) + 1}${after}` : before;
      lines.push(r.join(','), '\n');
    }
    const block = enc.encode(lines.join(''));
    out.push(block);
    bytesOut += block.length;
  }
  const all = new Uint8Array(bytesOut);
  let at = 0;
  for (const block of out) {
    all.set(block, at);
    at += block.length;
  }
  return all;
}

export function createEngine({
  workers: maxWorkers,
  splitMinBytes = SPLIT_MIN_BYTES,
  chunkBytes = CHUNK_BYTES,
  subtleMaxBytes = SUBTLE_MAX_BYTES,
  hashWeight = HASH_WEIGHT,
  warmBytes = WARM_BYTES,
} = {}) {
  const wanted = Math.max(
    1,
    Math.min(MAX_WORKERS, maxWorkers ?? (globalThis.navigator?.hardwareConcurrency || 1)),
  );
  /** Live workers: {worker, ready: Promise, current: {resolve, reject, onProgress} | null}. */
  let pool = [];
  let module = null;
  let streaming = false;
  let pending = null;
  const queue = [];
  let seq = 0;
  let version = '';
  /** How the last run was done: {workers, ranges, fallback} (for tests and the benchmark). */
  let lastRun = null;
  /** For tests and the benchmark: see the `lastTiming` getter. */
  let lastTiming = null;

  function spawn() {
    const inline = globalThis.__VERACITY_INLINE__;
    let url;
    let worker;
    if (inline) {
      url = URL.createObjectURL(new Blob([inline.workerSource], { type: 'text/javascript' }));
      worker = new Worker(url);
    } else {
      worker = new Worker(new URL('./worker.js', import.meta.url));
    }
    const slot = { worker, ready: null, current: null, dead: false };
    slot.ready = new Promise((resolve, reject) => {
      slot.died = (err) => {
        if (slot.dead) return;
        slot.dead = true;
        reject(err);
        const c = slot.current;
        slot.current = null;
        c?.reject(err);
      };
      worker.onmessage = (e) => {
        const m = e.data;
        if (m.type === 'ready') {
          slot.up = true;
          version = m.version;
          streaming = Boolean(m.streaming);
          if (!module && m.module instanceof WebAssembly.Module) module = m.module;
          resolve();
        } else if (m.type === 'error' && m.id === undefined) {
          reject(new Error(m.message));
        } else if (slot.current && m.id === slot.current.id) {
          const c = slot.current;
          if (m.type === 'progress') {
            c.onProgress?.(m);
            return;
          }
          slot.current = null;
          if (m.type === 'done') {
            slot.took = m.took;
            slot.hashed = m.hash ?? null;
            c.resolve(m.report);
          }
          else if (m.type === 'part') {
            slot.digest = m.sha256 === undefined ? null : { sha256: m.sha256, ms: m.hashMs };
            c.resolve(m.part);
          }
          else if (m.type === 'result') c.resolve(m.value);
          else if (m.type === 'error') {
            // The wasm trapped: this instance cannot be trusted again.
            if (m.fatal) {
              const err = new Error(`the engine stopped: ${m.message}`);
              drop(slot);
              c.reject(err);
            } else c.reject(new Error(m.message));
          }
        }
      };
      worker.onerror = (e) => {
        e.preventDefault?.();
        const err = new Error(`the engine stopped: ${e.message || 'worker error'}`);
        drop(slot);
        slot.died(err);
      };
      worker.onmessageerror = () => {
        drop(slot);
        slot.died(new Error('the engine stopped: a message could not be read'));
      };
    });
    slot.ready.catch(() => {});
    worker.postMessage({ type: 'init', wasm: inline && !module ? inline.wasm : undefined, module: module ?? undefined });
    if (url) URL.revokeObjectURL(url);
    pool.push(slot);
    return slot;
  }

  /** Terminates one worker and forgets it. */
  function drop(slot) {
    slot.worker.terminate();
    pool = pool.filter((s) => s !== slot);
  }

  /** Terminates every worker (cancel): whatever they were doing rejects with `err`. */
  function dropAll(err) {
    const old = pool;
    pool = [];
    for (const s of old) {
      s.worker.terminate();
      s.died(err);
    }
  }

  /** Throws once `job` is no longer the request in flight (cancelled meanwhile): a stale job
   * must not start work on the fresh workers of the next one. */
  function alive(job) {
    if (pending !== job) throw new Error('cancelled');
  }

  /** The first `n` workers for `job`, started as needed (the first one compiles the wasm). */
  async function workers(job, n) {
    alive(job);
    if (!pool.length) spawn();
    await pool[0].ready;
    alive(job);
    while (pool.length < n) spawn();
    const use = pool.slice(0, n);
    await Promise.all(use.map((s) => s.ready));
    alive(job);
    return use;
  }

  /** Sends one message to one worker: resolves with its answer. */
  function ask(slot, msg, transfer = [], onProgress) {
    return new Promise((resolve, reject) => {
      if (slot.dead || !pool.includes(slot)) {
        reject(new Error('the engine stopped'));
        return;
      }
      slot.current = { id: msg.id, resolve, reject, onProgress };
      slot.worker.postMessage(msg, transfer);
    });
  }

  function settle(err, value) {
    const p = pending;
    pending = null;
    if (p) {
      if (err) p.reject(err);
      else p.resolve(value);
    }
    next();
  }

  /** Starts the next queued request, if any and none is in flight. */
  function next() {
    if (pending || !queue.length) return;
    const job = queue.shift();
    pending = job;
    start(job).then(
      (value) => {
        if (pending === job) settle(null, value);
      },
      (err) => {
        if (pending === job) settle(err instanceof Error ? err : new Error(String(err)));
      },
    );
  }

  /** A copy of a Uint8Array argument to transfer (the caller keeps its own); Blobs and
   * everything else cross as they are. */
  function crossing(args) {
    const transfer = [];
    const out = args.map((a) => {
      if (a instanceof Uint8Array) {
        const copy = a.slice().buffer;
        transfer.push(copy);
        return copy;
      }
      return a;
    });
    return { out, transfer };
  }

  async function start(job) {
    if (job.method === 'run') return runJob(job);
    if (job.method === 'warm') return warmJob(job);
    const [w] = await workers(job, 1);
    const { out, transfer } = crossing(job.args);
    return ask(w, { type: 'call', id: job.id, method: job.method, args: out }, transfer);
  }

  /** Verifies whose reports nobody reads but app.js's hidden drawing, so that the first real
   * run does not pay for the wasm's compilation by V8's optimising tier (wasm starts on a fast
   * baseline tier and a function is recompiled, on another thread, once it has run enough; a
   * function does not switch tier in the middle of a call, so a first long call runs on the
   * baseline code to its end), through each path a run can take: the sample in one call (a
   * paste); then, where the wasm streams, rows like the sample's (variedRows: its lines
   * repeated left the maps, the parts and the merge with a few hundred keys, and a real file's
   * first run compiled ≈ 50 functions more, ≈ 0.1 s of CPU, README Performance) as a file
   * read by one worker (a small file), and with several workers through the same ranges,
   * digest and merge as a large file. Resolves with the sample's report; leaves lastRun and
   * lastTiming as they were. */
  async function warmJob(job) {
    const [bytes] = job.args;
    const options = { reference_date: '2026-01-01' };
    const [w] = await workers(job, 1);
    const { out, transfer } = crossing(job.args);
    const report = await ask(w, { type: 'run', id: job.id, source: out[0], options }, transfer);
    const blob = streaming ? warmBlob(bytes) : null;
    if (!blob) return report;
    const kept = [lastRun, lastTiming];
    try {
      alive(job);
      await runOne(job, blob, options, false);
      alive(job);
      if (wanted > 1) await runRanges(job, blob, options, wanted);
    } finally {
      [lastRun, lastTiming] = kept;
    }
    return report;
  }

  /** A Blob of at least `size` bytes for the warm-up's ranges: the sample's header, then rows
   * like its own (variedRows), or (a sample variedRows cannot read) its other lines repeated.
   * Null for a sample without lines after the first. */
  function warmBlob(bytes, size = warmBytes) {
    if (!(bytes instanceof Uint8Array)) return null;
    const lf = bytes.indexOf(0x0a);
    if (lf < 0 || lf + 1 >= bytes.length) return null;
    const head = bytes.subarray(0, lf + 1);
    const varied = variedRows(bytes, size);
    if (varied) return new Blob([head, varied]);
    let body = bytes.subarray(lf + 1);
    if (body[body.length - 1] !== 0x0a) body = new Uint8Array([...body, 0x0a]);
    const parts = [head];
    for (let at = head.length; at < size; at += body.length) parts.push(body);
    return new Blob(parts);
  }

  /** How many ranges a run of `source` takes. */
  function rangesFor(source) {
    if (!(source instanceof Blob) || !streaming) return 0; // 0: the whole input in one call
    if (source.size < splitMinBytes) return 1;
    return wanted;
  }

  async function runJob(job) {
    const [source, given] = job.args;
    await workers(job, 1); // the first worker says whether the wasm can stream
    const n = rangesFor(source);
    // Every range plans with the same reference date (a run across midnight included).
    const options = n > 0 && !given?.reference_date ? { ...given, reference_date: localDate() } : given;
    if (n === 0) return runCall(job, source, options, false);
    let fallback = false;
    if (n > 1) {
      try {
        return await runRanges(job, source, options, n);
      } catch (err) {
        if (!isNotCuttable(err)) throw err;
        alive(job);
        fallback = true;
      }
    }
    try {
      return await runOne(job, source, options, fallback);
    } catch (err) {
      // A document that turned out to need reading whole (an Elasticsearch search response
      // that is not one valid JSON document past its head, an SQL statement too long to hold):
      // the whole input in one call.
      if (!isReadWhole(err)) throw err;
      alive(job);
      return runCall(job, source, options, true);
    }
  }

  /** The whole input (bytes, or a file the worker reads whole) in one call. */
  async function runCall(job, source, options, fallback) {
    const [w] = await workers(job, 1);
    const { out, transfer } = crossing([source]);
    lastRun = { workers: 1, ranges: 0, fallback };
    const value = await ask(w, { type: 'run', id: job.id, source: out[0], options }, transfer, (m) =>
      job.onProgress?.({ rows: m.rows, done: m.done, total: m.total }),
    );
    lastTiming = { worker: Math.round(w.took ?? 0) };
    return value;
  }

  /** A file as one range on one worker: read in chunks and hashed by the wasm as it goes, or
   * (crypto.subtle: subtleFor) read whole at once and digested by the browser meanwhile. */
  async function runOne(job, blob, options, fallback) {
    const t0 = performance.now();
    const [w] = await workers(job, 1);
    lastRun = { workers: 1, ranges: 1, fallback };
    const subtle = subtleFor(blob.size);
    const report = await ask(w, { type: 'stream', id: job.id, blob, options, chunk: chunkBytes, subtle }, [], (m) =>
      job.onProgress?.({ rows: m.rows, done: m.done, total: m.total }),
    );
    lastTiming = { stream: Math.round(performance.now() - t0), hash: Math.round(w.hashed?.ms ?? 0), hashBy: w.hashed?.by ?? 'wasm' };
    return report;
  }

  /** Today's date on this device (the engine's default reference date), YYYY-MM-DD. */
  function localDate() {
    const d = new Date();
    const two = (x) => String(x).padStart(2, '0');
    return `${String(d.getFullYear()).padStart(4, '0')}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
  }

  /** Whether `err` says a streamed input must be read whole after all (crate error ReadWhole). */
  function isReadWhole(err) {
    return /cannot stream: .*; read it whole$/.test(String(err?.message ?? ''));
  }

  /** Whether `err` says the input cannot be cut into ranges (a format or encoding that cannot,
   * or a cut inside a quoted value that spans lines): then it runs as one range. */
  function isNotCuttable(err) {
    return /cannot read in ranges/.test(String(err?.message ?? ''));
  }

  /** Where to cut near `at`: the engine starts a range at the first line after its nominal
   * start and refuses the whole split if that line is inside a quoted value (the file then
   * runs as one range), so prefer a line feed between two lines with no `"` at all — never
   * inside a quoted value that spans lines unless one has three or more lines without a quote
   * — the nearest such one within CUT_WINDOW bytes; `at` itself when there is none. The
   * nominal start handed to the engine is that line feed's offset. */
  async function cutNear(blob, at, after) {
    const from = Math.max(after + 1, at - CUT_WINDOW);
    const to = Math.min(blob.size, at + CUT_WINDOW);
    if (to - from < 4) return at;
    const b = new Uint8Array(await blob.slice(from, to).arrayBuffer());
    // Line feeds in the window, and whether the line ending at each has a quote.
    const lf = [];
    const quoted = [];
    let q = false;
    for (let i = 0; i < b.length; i++) {
      if (b[i] === 0x22) q = true;
      else if (b[i] === 0x0a) {
        lf.push(i);
        quoted.push(q);
        q = false;
      }
    }
    let best = -1;
    // lf[k] ends a line with no quote (lf[k-1] known) and the next line, ending at lf[k+1],
    // has none either; both have content (more than a `\r`).
    for (let k = 1; k + 1 < lf.length; k++) {
      if (quoted[k] || quoted[k + 1] || lf[k] - lf[k - 1] < 3 || lf[k + 1] - lf[k] < 3) continue;
      if (b[lf[k] + 1] === 0x0d) continue;
      const pos = from + lf[k];
      if (pos <= after) continue;
      if (best < 0 || Math.abs(pos - at) < Math.abs(best - at)) best = pos;
    }
    return best < 0 ? at : best;
  }

  /** Whether the browser's SHA-256 hashes a file of `size` bytes (see SUBTLE_MAX_BYTES). */
  function subtleFor(size) {
    return size <= subtleMaxBytes && Boolean(globalThis.isSecureContext && globalThis.crypto?.subtle?.digest);
  }

  /** Where the first range ends, as a share of the file, when its worker also hashes the whole
   * file (see HASH_WEIGHT): the ranges then end at about the same time. */
  function firstShare(n) {
    return Math.max(1 / (4 * n), (1 + hashWeight) / n - hashWeight);
  }

  /** A file in `n` byte ranges on `n` workers, then the merge. Its SHA-256: by the browser
   * (crypto.subtle) in the first range's worker once its range is done, alongside the other
   * ranges and the merge, or by the wasm hasher in the first range's worker,
   * which hashes its range's bytes as it reads them and then reads on to the end of the file
   * (that range is made shorter by as much). */
  async function runRanges(job, blob, options, n) {
    const tStart = performance.now();
    const subtle = subtleFor(blob.size);
    const use = await workers(job, n);
    /** A run has failed: stops the workers still busy on it, then throws `err`. */
    const stopAll = (err) => {
      for (const w of use) {
        if (w.current) {
          drop(w);
          w.died(err);
        }
      }
      throw err;
    };
    const size = blob.size;
    const rows = new Array(n).fill(0);
    const done = new Array(n).fill(0);
    const progress = () =>
      job.onProgress?.({
        rows: rows.reduce((a, b) => a + b, 0),
        done: Math.min(
          size,
          done.reduce((a, b) => a + b, 0),
        ),
        total: size,
      });
    // Nominal cuts: even, or the first range shorter when its worker hashes too.
    const first = subtle ? 1 / n : firstShare(n);
    const cuts = [0];
    for (let i = 1; i < n; i++) {
      const at = Math.floor(size * (first + ((1 - first) * (i - 1)) / (n - 1)));
      cuts.push(await cutNear(blob, at, cuts[i - 1]));
    }
    alive(job);
    cuts.push(size);
    const t0 = performance.now();
    const took = [];
    const timed = (p, i) => p.then((v) => ((took[i] = Math.round(performance.now() - t0)), v));
    let digesting = null;
    const asks = use.map((w, i) => {
      const start = cuts[i];
      const end = cuts[i + 1];
      const hash = !subtle && i === 0;
      const prefetch = subtle && i === 0;
      const msg = { type: 'part', id: job.id, blob, options, start, end, chunk: chunkBytes, hash, prefetch };
      const part = ask(w, msg, [], (m) => {
        rows[i] = m.rows;
        done[i] = Math.min(m.done, end - start);
        progress();
      });
      // With crypto.subtle: the first range's worker reads the whole file at once, verifies its
      // range from those bytes, and once done with its range has the browser hash them
      // (alongside the ranges still running and the merge).
      return timed(part, i).then((v) => {
        if (prefetch) {
          digesting = { slot: w, at: performance.now() };
          digesting.done = ask(w, { type: 'digest', id: job.id, blob, chunk: chunkBytes });
          digesting.done.catch(() => {});
        }
        return v;
      });
    });
    let results;
    try {
      results = await Promise.all(asks);
    } catch (err) {
      stopAll(err);
    }
    alive(job);
    const sha256 = subtle ? PENDING_SHA256 : use[0].digest?.sha256;
    if (!sha256) throw new Error('the engine stopped: no SHA-256 of the file');
    lastRun = { workers: use.length, ranges: n, fallback: false };
    const partBytes = results.map((b) => b.byteLength);
    const t1 = performance.now();
    // The merge, on a worker that is not hashing, alongside the digest.
    const merger = use.find((w) => w !== digesting?.slot);
    const asked = [ask(merger, { type: 'finish', id: job.id, parts: results, sha256 }, results)];
    if (subtle) asked.push(digesting.done);
    let report;
    let digest;
    try {
      [report, digest] = await Promise.all(asked);
    } catch (err) {
      stopAll(err);
    }
    alive(job);
    // The report never leaves without the file's SHA-256.
    if (subtle) report.input.sha256 = digest.sha256;
    // ms from the ranges' start: each range's part, the hash (with crypto.subtle: after the
    // first range, alongside the others and the merge); the merge into the report (with
    // crypto.subtle: and the wait for the digest); the parts' sizes in bytes; the cuts.
    lastTiming = {
      setup: Math.round(t0 - tStart),
      parts: took.slice(0, n),
      hash: subtle ? Math.round(digesting.at - t0 + digest.hashMs) : took[0],
      hashBy: subtle ? digest.hashBy : 'wasm',
      hashTail: subtle ? undefined : Math.round(use[0].digest?.ms ?? 0),
      merge: Math.round(performance.now() - t1),
      partBytes,
      cuts: cuts.slice(1, n),
    };
    return report;
  }

  function request(method, args, onProgress) {
    return new Promise((resolve, reject) => {
      queue.push({ id: ++seq, method, args, resolve, reject, onProgress });
      next();
    });
  }

  const isRun = (j) => j?.method === 'run';

  return {
    /** Starts a worker and loads the wasm ahead of the first request; rejects if it cannot
     * (with an Error whose code is 'no-simd' when the browser lacks WebAssembly SIMD). */
    async warmUp() {
      if (typeof WebAssembly === 'object' && !hasWasmSimd()) throw noSimdError();
      if (!pool.length) spawn();
      await pool[0].ready;
    },
    /** Verifies `bytes` (a small sample, e.g. the page's demo) in one call, then rows like its
     * own as a file on one worker and, with several workers, through the ranges of a split file,
     * and forgets the reports, so that the first real run does not pay for the wasm's
     * compilation by the optimising tier (see warmJob). Queued like any request (a run asked meanwhile waits for it); not a run
     * (`busy` stays false). Resolves with that report (null if it failed); never rejects. */
    warm(bytes) {
      return request('warm', [bytes]).then(
        (report) => report,
        () => null,
      );
    },
    /** Starts ahead of time the workers a run of `source` (a file) will use, while the reader
     * is still choosing settings: a run then does not wait for them. Does nothing when a
     * request is in flight or the engine has not started. */
    prepare(source) {
      if (pending || !pool.length || !pool[0].up || !(source instanceof Blob)) return;
      const n = rangesFor(source);
      while (pool.length < Math.max(1, n)) spawn();
    },
    /** Verifies `source` (the bytes of a pasted text as a Uint8Array, or a file as a Blob);
     * resolves with the Report, rejects with an Error. `onProgress({rows, done, total})`. */
    async run(source, options, onProgress) {
      if (isRun(pending) || queue.some(isRun)) throw new Error('a run is already in progress');
      return request('run', [source, options ?? null], onProgress && everyFew(onProgress));
    },
    /** The evidence report (`format` html|md, `lang` en|zh) with an optional call sheet and
     * comparison: {text, sha256}. */
    evidence(report, { format = 'html', lang = 'en', callSheet = null, comparison = null } = {}) {
      return request('evidence', [report, format, lang, callSheet, comparison]);
    },
    /** Draws a call sheet from `source` (Uint8Array or Blob); `draw.seed` (decimal string) is
     * required. */
    drawCallSheet(source, options, draw) {
      return request('drawCallSheet', [source, options ?? null, draw]);
    },
    /** The call sheet as a CSV worksheet (text). */
    callSheetCsv(sheet) {
      return request('callSheetCsv', [sheet]);
    },
    /** Compares `sample` with an `earlier` file (each a Uint8Array or a Blob): the Comparison. */
    compare(earlier, sample, options) {
      return request('compare', [earlier, sample, options ?? null]);
    },
    /** What each registry format says about one value. */
    check(value, format = null, referenceDate = null) {
      return request('check', [value, format, referenceDate]);
    },
    /** The registry of formats. */
    formats() {
      return request('formats', []);
    },
    /** Stops the request in flight at once (it rejects with Error('cancelled')); queued
     * requests go on, on fresh workers — but for a run queued behind the warm-up, which is
     * the one the reader sees: it is cancelled too. */
    cancel() {
      if (!pending) return;
      // A run waiting behind the warm-up is the one the reader means to stop.
      if (pending.method === 'warm') {
        const i = queue.findIndex(isRun);
        if (i >= 0) queue.splice(i, 1)[0].reject(new Error('cancelled'));
      }
      dropAll(new Error('cancelled'));
      settle(new Error('cancelled'));
    },
    /** Stops every worker; the request in flight and the queued ones reject with
     * Error('cancelled'). The next request starts fresh workers. */
    close() {
      const jobs = [pending, ...queue.splice(0)].filter(Boolean);
      pending = null;
      dropAll(new Error('cancelled'));
      for (const j of jobs) j.reject(new Error('cancelled'));
    },
    /** The engine's version, once a worker has started. */
    get version() {
      return version;
    },
    /** Whether a verify run is in flight or queued. */
    get busy() {
      return isRun(pending) || queue.some(isRun);
    },
    /** How the last run was spread: {workers, ranges, fallback} (ranges 0: one call). */
    get lastRun() {
      return lastRun;
    },
    /** How long the last run took, for tests and the benchmark. On several ranges: {setup: ms,
     * parts: [ms], hash: ms, hashBy: 'subtle'|'wasm', hashTail?: ms, merge: ms, partBytes:
     * [bytes], cuts: [bytes]} (setup: workers ready and the cuts found; parts and hash: ms from
     * the ranges' start; hashTail: the wasm hasher's reading on after its range; merge: the
     * report from the parts, with the wait for crypto.subtle's digest). One range: {stream: ms,
     * hash: ms, hashBy} (stream: the whole run; hash: from the worker's start to
     * crypto.subtle's digest, 0 when the session hashed as it went). The whole input in one call:
     * {worker: ms} (the engine call in the worker, the report's conversion included). */
    get lastTiming() {
      return lastTiming;
    },
  };
}
