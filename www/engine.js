// The page's handle on the engine: one Web Worker running the wasm, with progress, an
// immediate cancel (the worker is terminated) and recovery when a worker dies (the next run
// starts a fresh one). The only module that knows how the worker is made.
//
// Hosted page: the worker is worker.js beside this file (it loads the wasm itself, without
// fetch). Offline single file and embed: the build sets globalThis.__VERACITY_INLINE__ =
// {workerSource, wasm} (the worker's source text and the wasm as base64 text or bytes) and the
// worker starts from a Blob URL (worker-src blob:).

export function createEngine() {
  let worker = null;
  let ready = null;
  let pending = null;
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
          else if (m.type === 'error') settle(new Error(m.message));
        }
      };
      w.onerror = (e) => {
        e.preventDefault?.();
        const err = new Error(`the engine stopped: ${e.message || 'worker error'}`);
        reject(err);
        if (worker === w) discard();
        settle(err);
      };
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

  function settle(err, report) {
    const p = pending;
    pending = null;
    if (!p) return;
    if (err) p.reject(err);
    else p.resolve(report);
  }

  return {
    /** Starts the worker and loads the wasm ahead of the first run; rejects if it cannot. */
    async warmUp() {
      if (!worker) spawn();
      await ready;
    },
    /** Verifies `bytes` (Uint8Array); resolves with the Report, rejects with an Error. */
    async run(bytes, options, onProgress) {
      if (pending) throw new Error('a run is already in progress');
      if (!worker) spawn();
      await ready;
      const id = ++seq;
      return new Promise((resolve, reject) => {
        pending = { id, resolve, reject, onProgress };
        // Transfer a copy: the caller keeps its bytes for re-runs.
        const copy = bytes.slice().buffer;
        worker.postMessage({ type: 'run', id, bytes: copy, options }, [copy]);
      });
    },
    /** Stops the work at once; the pending run rejects with Error('cancelled'). */
    cancel() {
      if (!pending) return;
      discard();
      settle(new Error('cancelled'));
    },
    /** The engine's version, once a worker has started. */
    get version() {
      return version;
    },
    get busy() {
      return pending !== null;
    },
  };
}
