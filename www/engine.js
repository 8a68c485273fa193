// The page's handle on the engine: one Web Worker running the wasm, with progress, an
// immediate cancel (the worker is terminated) and recovery when a worker dies (the next
// request starts a fresh one). The only module that knows how the worker is made and what the
// worker protocol is (documented in worker.js).
//
// Requests go one at a time, in order: verify runs (`run`, with progress) and calls to the
// engine's other functions (`evidence`, `drawCallSheet`, `callSheetCsv`, `compare`, `check`,
// `formats`; the worker accepts no others). A request made while another is in flight waits
// in a queue. `cancel()` stops the one in flight at once (it rejects with Error('cancelled'));
// queued requests then run on a fresh worker. File bytes cross to the worker as transferred
// copies (the caller keeps its own), and nothing crosses anywhere else.
//
// Hosted page: the worker is worker.js beside this file (it loads the wasm itself, without
// fetch). Offline single file and embed: the build sets globalThis.__VERACITY_INLINE__ =
// {workerSource, wasm} (the worker's source text and the wasm as base64 text or bytes) and the
// worker starts from a Blob URL (worker-src blob:).

export function createEngine() {
  let worker = null;
  let ready = null;
  let pending = null;
  const queue = [];
  let seq = 0;
  let version = '';

  function spawn() {
    const inline = globalThis.__VERACITY_INLINE__;
    let url;
    if (inline) {
      url = URL.createObjectURL(new Blob([inline.workerSource], { type: 'text/javascript' }));
      worker = new Worker(url);
    } else {
      worker = new Worker(new URL('./worker.js', import.meta.url));
    }
    const w = worker;
    ready = new Promise((resolve, reject) => {
      w.onmessage = (e) => {
        const m = e.data;
        if (m.type === 'ready') {
          version = m.version;
          resolve();
        } else if (m.type === 'error' && m.id === undefined) {
          reject(new Error(m.message));
        } else if (pending && m.id === pending.id) {
          if (m.type === 'progress') pending.onProgress?.(m);
          else if (m.type === 'done') settle(null, m.report);
          else if (m.type === 'result') settle(null, m.value);
          else if (m.type === 'error') {
            // The wasm trapped: this instance cannot be trusted again.
            if (m.fatal && worker === w) discard();
            settle(new Error(m.fatal ? `the engine stopped: ${m.message}` : m.message));
          }
        }
      };
      const died = (message) => {
        const err = new Error(`the engine stopped: ${message}`);
        reject(err);
        if (worker === w) {
          discard();
          settle(err);
        }
      };
      w.onerror = (e) => {
        e.preventDefault?.();
        died(e.message || 'worker error');
      };
      w.onmessageerror = () => died('a message could not be read');
    });
    ready.catch(() => {});
    worker.postMessage({ type: 'init', wasm: inline ? inline.wasm : undefined });
    if (url) URL.revokeObjectURL(url);
  }

  function discard() {
    worker?.terminate();
    worker = null;
    ready = null;
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
    start(job).catch((err) => {
      if (pending === job) settle(err instanceof Error ? err : new Error(String(err)));
    });
  }

  async function start(job) {
    if (!worker) spawn();
    const w = worker;
    await ready;
    if (pending !== job || worker !== w) return; // cancelled while the worker was starting
    // Transfer copies: the caller keeps its bytes for re-runs.
    const transfer = [];
    const args = job.args.map((a) => {
      if (a instanceof Uint8Array) {
        const copy = a.slice().buffer;
        transfer.push(copy);
        return copy;
      }
      return a;
    });
    if (job.method === 'run') {
      worker.postMessage({ type: 'run', id: job.id, bytes: args[0], options: args[1] }, transfer);
    } else {
      worker.postMessage({ type: 'call', id: job.id, method: job.method, args }, transfer);
    }
  }

  function request(method, args, onProgress) {
    return new Promise((resolve, reject) => {
      queue.push({ id: ++seq, method, args, resolve, reject, onProgress });
      next();
    });
  }

  const isRun = (j) => j?.method === 'run';

  return {
    /** Starts the worker and loads the wasm ahead of the first request; rejects if it cannot. */
    async warmUp() {
      if (!worker) spawn();
      await ready;
    },
    /** Verifies `bytes` (Uint8Array); resolves with the Report, rejects with an Error. */
    async run(bytes, options, onProgress) {
      if (isRun(pending) || queue.some(isRun)) throw new Error('a run is already in progress');
      return request('run', [bytes, options ?? null], onProgress);
    },
    /** The evidence report (`format` html|md, `lang` en|zh) with an optional call sheet and
     * comparison: {text, sha256}. */
    evidence(report, { format = 'html', lang = 'en', callSheet = null, comparison = null } = {}) {
      return request('evidence', [report, format, lang, callSheet, comparison]);
    },
    /** Draws a call sheet from `bytes` (Uint8Array); `draw.seed` (decimal string) is required. */
    drawCallSheet(bytes, options, draw) {
      return request('drawCallSheet', [bytes, options ?? null, draw]);
    },
    /** The call sheet as a CSV worksheet (text). */
    callSheetCsv(sheet) {
      return request('callSheetCsv', [sheet]);
    },
    /** Compares `sample` with an `earlier` file (both Uint8Array): the Comparison. */
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
     * requests go on, on a fresh worker. */
    cancel() {
      if (!pending) return;
      discard();
      settle(new Error('cancelled'));
    },
    /** The engine's version, once a worker has started. */
    get version() {
      return version;
    },
    /** Whether a verify run is in flight or queued. */
    get busy() {
      return isRun(pending) || queue.some(isRun);
    },
  };
}
