// The engine's worker: runs the wasm off the main thread so the page stays responsive.
// A classic worker (not a module) so the same code runs from the hosted page
// (importScripts of the wasm-bindgen "no-modules" glue) and from a Blob URL in the offline
// single file (glue and this code concatenated, the wasm posted in the init message).
//
// The wasm never comes through fetch: the page's CSP has connect-src 'none'. The hosted page
// loads it with importScripts('pkg/veracity_wasm.js'), a script the build writes that sets
// self.VERACITY_WASM_BASE64; the single file posts the same base64 text in the init message.
// The first worker compiles it and hands the compiled WebAssembly.Module back in its `ready`
// message; every further worker gets that Module in its `init` and only instantiates it.
//
// Files arrive as Blobs (a File is a Blob): the worker reads them itself, in chunks, so the
// page never holds a whole file; nothing but the named messages and calls below crosses.
//
// Protocol (one request at a time per worker; engine.js queues and spreads the work):
//   main → worker
//     {type:'init', wasm?: ArrayBuffer | Uint8Array | base64 string, module?: WebAssembly.Module}
//     {type:'run', id, source: ArrayBuffer (transferred) | Blob, options}
//                                      the whole input in one call (pastes, small inputs)
//     {type:'stream', id, blob, options, chunk, subtle?}
//                                      verifies a whole Blob read `chunk` bytes at a time;
//                                      subtle: read it whole at once instead, and have
//                                      crypto.subtle digest it meanwhile
//     {type:'part', id, blob, options, start, end, chunk, hash?, prefetch?}
//                                      verifies the nominal byte range [start, end) of blob
//                                      (the session finds the record boundaries: crate
//                                      stream.rs), read `chunk` bytes at a time; hash (first
//                                      range only): also the whole blob's SHA-256 by the wasm
//                                      hasher, fed the range's bytes as they are read, then
//                                      the rest of the blob; prefetch: read the whole blob
//                                      at once (for the digest asked next) and feed the
//                                      range from those bytes instead of reading it again
//     {type:'finish', id, parts: [ArrayBuffer] (transferred), sha256}
//                                      merges the parts (in range order) into the report
//     {type:'digest', id, blob, chunk} the whole blob's SHA-256 by crypto.subtle (the wasm
//                                      hasher, read in chunks, if that fails), of the bytes
//                                      a prefetch of the same id read
//     {type:'call', id, method, args: [...]}   method ∈ CALLS below; file bytes in args are
//                                      ArrayBuffers (transferred) or Blobs (read here)
//   worker → main
//     {type:'ready', version, streaming, module?}   module: the compiled wasm (first worker)
//     {type:'progress', id, rows, done, total}      done/total: bytes (or lines) so far
//     {type:'done', id, report, took?, hash?}       (run, stream, finish; took: ms of
//                                                   the engine call of a run; hash: a
//                                                   stream's {by: 'subtle'|'wasm', ms})
//     {type:'part', id, part: ArrayBuffer, sha256?, hashMs?}
//                                                   (part: the range's partial result;
//                                                   sha256: hex, with hash; hashMs: ms of
//                                                   the hashing after the range)
//     {type:'result', id, value}                    (call; digest: {sha256: hex, hashMs,
//                                                   hashBy: 'subtle' | 'wasm'})
//     {type:'error', id, message, fatal?}           fatal: the wasm trapped (a panic or
//                                                   out of memory); the instance is unusable
//                                                   and the page starts a fresh worker
/* global wasm_bindgen, importScripts */
'use strict';

let ready = null;
let compiled = null;

function fromBase64(text) {
  const bin = atob(text);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

function init(wasm, module) {
  if (!ready) {
    if (typeof wasm_bindgen === 'undefined') importScripts('pkg/veracity.js');
    ready = (async () => {
      if (module instanceof WebAssembly.Module) {
        compiled = module;
      } else {
        let source = wasm;
        if (source === undefined) {
          if (typeof self.VERACITY_WASM_BASE64 !== 'string') importScripts('pkg/veracity_wasm.js');
          source = self.VERACITY_WASM_BASE64;
        }
        if (typeof source === 'string') source = fromBase64(source);
        compiled = await WebAssembly.compile(source);
      }
      await wasm_bindgen({ module_or_path: compiled });
    })();
  }
  return ready;
}

const orNull = (v) => (v === undefined ? null : v);

/** Bytes of an argument that holds a file: an ArrayBuffer, a view, or a Blob (read whole). */
async function bytesOf(b) {
  if (b instanceof Uint8Array) return b;
  if (typeof Blob !== 'undefined' && b instanceof Blob) return new Uint8Array(await b.arrayBuffer());
  return new Uint8Array(b);
}

// The whitelist: the only engine functions a page may call, and how their arguments cross.
const CALLS = {
  evidence: async ([report, format, lang, callSheet, comparison]) =>
    wasm_bindgen.evidenceReport(report, String(format), String(lang), orNull(callSheet), orNull(comparison)),
  drawCallSheet: async ([bytes, options, draw]) =>
    wasm_bindgen.drawCallSheet(await bytesOf(bytes), orNull(options), draw),
  callSheetCsv: async ([sheet]) => wasm_bindgen.callSheetCsv(sheet),
  compare: async ([earlier, sample, options]) =>
    wasm_bindgen.compare(await bytesOf(earlier), await bytesOf(sample), orNull(options)),
  check: async ([value, format, referenceDate]) =>
    wasm_bindgen.check(String(value ?? ''), format || undefined, referenceDate || undefined),
  formats: async () => wasm_bindgen.formats(),
};

/** Whether the wasm has the streaming API (VerifySession and friends). */
function streaming() {
  return typeof wasm_bindgen !== 'undefined' && typeof wasm_bindgen.VerifySession === 'function';
}

async function runWhole(msg) {
  const bytes = await bytesOf(msg.source);
  return wasm_bindgen.verifyWithProgress(bytes, msg.options ?? null, (p) => {
    self.postMessage({ type: 'progress', id: msg.id, rows: p.rows, done: p.line, total: p.lines });
    return true;
  });
}

/** A range up to this many bytes is read in one piece (see runPart). */
const RANGE_AT_ONCE = 64 << 20;

/** The whole file, being read for crypto.subtle's digest while this worker verifies its range
 * ({id, bytes: Promise<ArrayBuffer | null>}); dropped by the next request but a digest. */
let prefetched = null;

self.onmessage = async (event) => {
  const msg = event.data || {};
  if (msg.type !== 'digest') prefetched = null;
  try {
    if (msg.type === 'init') {
      await init(msg.wasm, msg.module);
      self.postMessage({ type: 'ready', version: wasm_bindgen.version(), streaming: streaming(), module: compiled });
    } else if (msg.type === 'run') {
      await init();
      const t0 = performance.now();
      const report = await runWhole(msg);
      self.postMessage({ type: 'done', id: msg.id, report, took: performance.now() - t0 });
    } else if (msg.type === 'stream') {
      await init();
      const { report, hash } = await runWholeStream(msg);
      self.postMessage({ type: 'done', id: msg.id, report, hash });
    } else if (msg.type === 'part') {
      await init();
      const { part, sha256, hashMs } = await runPart(msg);
      self.postMessage({ type: 'part', id: msg.id, part, sha256, hashMs }, [part]);
    } else if (msg.type === 'finish') {
      await init();
      const parts = (Array.isArray(msg.parts) ? msg.parts : []).map((p) => new Uint8Array(p));
      const report = stream.reportFromParts(parts, String(msg.sha256));
      self.postMessage({ type: 'done', id: msg.id, report });
    } else if (msg.type === 'digest') {
      await init();
      const early = prefetched?.id === msg.id ? prefetched.bytes : null;
      prefetched = null;
      let { sha256, hashMs } = await subtleSha256(msg.blob, early);
      // crypto.subtle failed (it could not read the file whole, say): the wasm hasher.
      const hashBy = sha256 ? 'subtle' : 'wasm';
      if (!sha256) {
        const t0 = performance.now();
        sha256 = await hashBlob(msg);
        hashMs += performance.now() - t0;
      }
      self.postMessage({ type: 'result', id: msg.id, value: { sha256, hashMs, hashBy } });
    } else if (msg.type === 'call') {
      await init();
      const fn = Object.prototype.hasOwnProperty.call(CALLS, msg.method) ? CALLS[msg.method] : null;
      if (!fn) throw new Error(`unknown engine call ${JSON.stringify(String(msg.method))}`);
      const value = await fn(Array.isArray(msg.args) ? msg.args : []);
      self.postMessage({ type: 'result', id: msg.id, value });
    }
  } catch (err) {
    // A trap (RuntimeError: unreachable, out of memory…) leaves the wasm instance unusable.
    const fatal = typeof WebAssembly !== 'undefined' && err instanceof WebAssembly.RuntimeError;
    self.postMessage({ type: 'error', id: msg.id, message: String((err && err.message) || err), fatal });
  }
};

// The streaming calls of the wasm (VerifySession, finishReportFromParts, Sha256Stream), in
// one place.
// One session over the whole input plans from the bytes it is fed and hashes them itself; a
// range session plans from the input's head (its first headBytes(), the same for every range).
const stream = {
  whole: (options, total) => new wasm_bindgen.VerifySession(new Uint8Array(0), options ?? null, 0, total, total),
  range: (head, options, start, end, total) => new wasm_bindgen.VerifySession(head, options ?? null, start, end, total),
  headBytes: () => wasm_bindgen.headBytes(),
  // The parts straight into the report: the merged part is never serialised again.
  reportFromParts: (parts, sha256) => wasm_bindgen.finishReportFromParts(parts, sha256),
  hasher: () => new wasm_bindgen.Sha256Stream(),
};

/** A file is read READ_BYTES at a time (at least `chunk`), into one buffer used again and again
 * where the browser's Blob streams fill a buffer given to them (a "BYOB" reader: Chromium,
 * Firefox), else in slices of that size, each a new buffer (reading 1 GB in 1 MiB slices took
 * ≈ 2.4–3.3 s of Chromium's CPU, in 4 MiB slices ≈ 1.6 s; into one reused 4 MiB buffer the
 * read took half the time of 4 MiB slices and the renderer's peak fell from 255 to 160 MB,
 * README Performance). The engine is fed `chunk` bytes at a time either way, and every
 * consumer copies what it is given (the wasm calls copy their argument into wasm memory). */
const READ_BYTES = 4 << 20;

/** A BYOB reader of `blob`'s bytes, or null where the browser's Blob streams have none. */
function byobReader(blob) {
  try {
    return typeof blob.stream === 'function' ? blob.stream().getReader({ mode: 'byob' }) : null;
  } catch {
    return null;
  }
}

/** Reads blob from `start` and calls `each(bytes, at)` for it `chunk` bytes at a time (`at`:
 * where `bytes` end; `bytes` is only valid during the call); stops at the end of the blob or
 * when `each` returns true. `ahead`: a promise of bytes already being read in one piece
 * ({buf, from}: the whole file prefetched for the digest, or the range read at once), whose
 * views are handed out instead of reading them again; then the rest is read. */
async function readChunks(blob, start, chunk, each, ahead = null) {
  const total = blob.size;
  const size = Math.max(64 << 10, Number(chunk) || 1 << 20);
  const slice = Math.max(size, READ_BYTES);
  /** `each` for `bytes` (ending at `end`) `size` bytes at a time: true when it said stop. */
  const hand = (bytes, end) => {
    const base = end - bytes.length;
    for (let i = 0; i < bytes.length; i += size) {
      const part = bytes.subarray(i, Math.min(bytes.length, i + size));
      if (each(part, base + i + part.length)) return true;
    }
    return false;
  };
  let at = start;
  const got = ahead ? await ahead : null;
  if (got && at >= got.from && at < got.from + got.buf.byteLength) {
    const upto = Math.min(total, got.from + got.buf.byteLength);
    for (; at < upto; ) {
      const end = Math.min(upto, at + slice);
      if (hand(new Uint8Array(got.buf, at - got.from, end - at), end)) return;
      at = end;
    }
  }
  if (at >= total) return;
  const reader = byobReader(blob.slice(at));
  if (reader) {
    let buf = new ArrayBuffer(slice);
    try {
      for (;;) {
        // Fill the buffer (a read gives what the browser has, often far less), then hand it out.
        let fill = 0;
        let done = false;
        while (fill < slice) {
          const r = await reader.read(new Uint8Array(buf, fill, slice - fill));
          if (r.value) buf = r.value.buffer; // the read took the buffer and gives it back
          if (r.done) {
            done = true;
            break;
          }
          fill += r.value.byteLength;
        }
        if (fill > 0 && hand(new Uint8Array(buf, 0, fill), at + fill)) return;
        at += fill;
        if (done || fill === 0) return;
      }
    } finally {
      reader.cancel().catch(() => {});
    }
  }
  // Slices, the next one read while this one is handed out.
  const read = (from) => blob.slice(from, Math.min(total, from + slice)).arrayBuffer();
  let next = read(at);
  while (next) {
    const bytes = new Uint8Array(await next);
    const end = at + bytes.length;
    next = end < total && bytes.length > 0 ? read(end) : null;
    if (hand(bytes, end)) return;
    at = end;
  }
}

/** Verifies a Blob as one range, read in chunks: {report (with the input's SHA-256), hash:
 * {by: 'subtle' | 'wasm', ms}}. With `msg.subtle` (engine.js: a secure context, a file up to
 * SUBTLE_MAX_BYTES) the file is read whole at once, the session is fed from those bytes and
 * does not hash them: crypto.subtle digests them meanwhile, off this thread (the wasm hasher
 * if that fails); ms: from the start to the digest. Otherwise the session hashes what it is
 * fed (ms 0: no time of its own). */
async function runWholeStream(msg) {
  const { blob, id } = msg;
  const t0 = performance.now();
  const session = stream.whole(msg.options, blob.size);
  let whole = null;
  let digest = null;
  if (msg.subtle) {
    session.skipHash();
    whole = blob.arrayBuffer().then((buf) => (buf.byteLength === blob.size ? buf : null), () => null);
    digest = whole.then((buf) => (buf ? subtleHex(buf) : null)).then((hex) => ({ hex, at: performance.now() }));
  }
  self.postMessage({ type: 'progress', id, rows: 0, done: 0, total: blob.size });
  try {
    const ahead = whole && whole.then((buf) => (buf ? { buf, from: 0 } : null));
    await readChunks(blob, 0, msg.chunk, (bytes, at) => {
      const r = session.feed(bytes);
      self.postMessage({ type: 'progress', id, rows: r.rows, done: at, total: blob.size });
      return r.done;
    }, ahead);
    if (!whole) return { report: session.finish(), hash: { by: 'wasm', ms: 0 } };
    const d = await digest;
    if (d.hex) return { report: session.finish(d.hex), hash: { by: 'subtle', ms: d.at - t0 } };
    // The file could not be held or the digest failed: the wasm hasher.
    const buf = await whole;
    const hex = buf ? wasmHex(new Uint8Array(buf)) : await hashBlob(msg);
    return { report: session.finish(hex), hash: { by: 'wasm', ms: performance.now() - t0 } };
  } finally {
    release(session);
  }
}

/** Frees the wasm objects given (null ones skipped), never throwing: after a trap (out of
 * memory in a feed, say) the object is still marked borrowed and wasm-bindgen's free throws
 * "attempted to take ownership of Rust value while it was borrowed" — from a `finally`, that
 * error would replace the trap, and the page would not know the instance is unusable. */
function release(...handles) {
  for (const h of handles) {
    try {
      h?.free?.();
    } catch {
      // The trap on its way out says what happened; the worker is replaced.
    }
  }
}

/** The SHA-256 of `buf` by crypto.subtle in hex, or null when it is missing or fails. */
async function subtleHex(buf) {
  try {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', buf));
    return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  } catch {
    return null;
  }
}

/** Verifies the nominal byte range [start, end) of a Blob (the session reads past `end` to
 * the next record start): {part: the range's partial result as an ArrayBuffer}. With
 * `msg.hash` (the first range, start 0): also the whole blob's SHA-256 by the wasm hasher,
 * which takes the range's bytes as they are read and then reads on to the end of the blob
 * (sha256: hex, hashMs: ms from the range's end to the digest). */
async function runPart(msg) {
  const { blob, start, end, id } = msg;
  const total = blob.size;
  const head = new Uint8Array(await blob.slice(0, Math.min(total, stream.headBytes())).arrayBuffer());
  const session = stream.range(head, msg.options, start, end, total);
  // The input can be cut (the session was made): read the whole file at once (the browser's
  // I/O threads) for a digest asked later; the range is fed from it too (one read of the file
  // instead of a whole one plus slices).
  if (msg.prefetch) prefetched = { id, bytes: blob.arrayBuffer().catch(() => null) };
  const hasher = msg.hash && start === 0 ? stream.hasher() : null;
  // The range's bytes in one read where that is cheap to hold: the whole file this worker
  // prefetched for the digest, or (not hashing, a range up to RANGE_AT_ONCE) the range and
  // the next MiB, where the session finds the record it ends in; 1 MiB slices otherwise.
  let ahead = null;
  if (prefetched?.id === id) {
    ahead = prefetched.bytes.then((buf) => (buf && buf.byteLength === total ? { buf, from: 0 } : null));
  } else if (!hasher && end - start <= RANGE_AT_ONCE) {
    const upto = Math.min(total, end + (1 << 20));
    ahead = blob.slice(start, upto).arrayBuffer().then((buf) => ({ buf, from: start }), () => null);
  }
  self.postMessage({ type: 'progress', id, rows: 0, done: 0, total: end - start });
  try {
    let hashed = start;
    await readChunks(blob, start, msg.chunk, (bytes, at) => {
      hasher?.update(bytes);
      hashed = at;
      const r = session.feed(bytes);
      self.postMessage({ type: 'progress', id, rows: r.rows, done: at - start, total: end - start });
      return r.done;
    }, ahead);
    const bytes = session.finishPart();
    const part = bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.byteLength ? bytes.buffer : bytes.slice().buffer;
    if (!hasher) return { part };
    const t0 = performance.now();
    if (hashed < total) {
      await readChunks(blob, hashed, msg.chunk, (more) => {
        hasher.update(more);
        return false;
      });
    }
    return { part, sha256: hasher.hex(), hashMs: performance.now() - t0 };
  } finally {
    release(session, hasher);
  }
}

/** The SHA-256 of a whole Blob by the browser's native code (crypto.subtle, a secure context
 * only): {sha256: hex, or null when it is missing or fails — the page then runs the wasm
 * hasher —, hashMs}. It reads the whole blob into this worker's memory (engine.js caps the
 * size): here, not in the page, so that neither the copy nor its collection holds up the page's
 * main thread. */
async function subtleSha256(blob, early = null) {
  const t0 = performance.now();
  let sha256 = null;
  try {
    sha256 = await subtleHex((await early) ?? (await blob.arrayBuffer()));
  } catch {
    // The file could not be read whole: the page runs the wasm hasher.
  }
  return { sha256, hashMs: performance.now() - t0 };
}

/** The SHA-256 of bytes held in memory, by the wasm hasher (hex). */
function wasmHex(bytes) {
  const h = stream.hasher();
  try {
    h.update(bytes);
    return h.hex();
  } finally {
    release(h);
  }
}

/** The SHA-256 of a whole Blob, read in chunks (hex). */
async function hashBlob(msg) {
  const h = stream.hasher();
  try {
    await readChunks(msg.blob, 0, msg.chunk, (bytes) => {
      h.update(bytes);
      return false;
    });
    return h.hex();
  } finally {
    release(h);
  }
}
