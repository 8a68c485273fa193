// The engine's worker: runs the wasm off the main thread so the page stays responsive.
// A classic worker (not a module) so the same code runs from the hosted page
// (importScripts of the wasm-bindgen "no-modules" glue) and from a Blob URL in the offline
// single file (glue and this code concatenated, the wasm posted in the init message).
//
// The wasm never comes through fetch: the page's CSP has connect-src 'none'. The hosted page
// loads it with importScripts('pkg/veracity_wasm.js'), a script the build writes that sets
// self.VERACITY_WASM_BASE64; the single file posts the same base64 text in the init message.
//
// Protocol (one request at a time; engine.js queues):
//   main → worker
//     {type:'init', wasm?: ArrayBuffer | Uint8Array | base64 string}
//     {type:'run', id, bytes: ArrayBuffer (transferred), options}
//     {type:'call', id, method, args: [...]}   method ∈ CALLS below; file bytes in args are
//                                              ArrayBuffers, transferred, never copied back
//   worker → main
//     {type:'ready', version}
//     {type:'progress', id, rows, line, lines}          (run only)
//     {type:'done', id, report}                         (run)
//     {type:'result', id, value}                        (call)
//     {type:'error', id, message, fatal?}               fatal: the wasm trapped (a panic or
//                                                       out of memory); the instance is unusable
//                                                       and the page starts a fresh worker
/* global wasm_bindgen, importScripts */
'use strict';

let ready = null;

function fromBase64(text) {
  const bin = atob(text);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

function init(wasm) {
  if (!ready) {
    if (typeof wasm_bindgen === 'undefined') importScripts('pkg/veracity.js');
    let source = wasm;
    if (source === undefined) {
      if (typeof self.VERACITY_WASM_BASE64 !== 'string') importScripts('pkg/veracity_wasm.js');
      source = self.VERACITY_WASM_BASE64;
    }
    if (typeof source === 'string') source = fromBase64(source);
    ready = wasm_bindgen({ module_or_path: source });
  }
  return ready;
}

const bytesOf = (b) => (b instanceof Uint8Array ? b : new Uint8Array(b));
const orNull = (v) => (v === undefined ? null : v);

// The whitelist: the only engine functions a page may call, and how their arguments cross.
const CALLS = {
  evidence: ([report, format, lang, callSheet, comparison]) =>
    wasm_bindgen.evidenceReport(report, String(format), String(lang), orNull(callSheet), orNull(comparison)),
  drawCallSheet: ([bytes, options, draw]) => wasm_bindgen.drawCallSheet(bytesOf(bytes), orNull(options), draw),
  callSheetCsv: ([sheet]) => wasm_bindgen.callSheetCsv(sheet),
  compare: ([earlier, sample, options]) => wasm_bindgen.compare(bytesOf(earlier), bytesOf(sample), orNull(options)),
  check: ([value, format, referenceDate]) =>
    wasm_bindgen.check(String(value ?? ''), format || undefined, referenceDate || undefined),
  formats: () => wasm_bindgen.formats(),
};

self.onmessage = async (event) => {
  const msg = event.data || {};
  try {
    if (msg.type === 'init') {
      await init(msg.wasm);
      self.postMessage({ type: 'ready', version: wasm_bindgen.version() });
    } else if (msg.type === 'run') {
      await init();
      const report = wasm_bindgen.verifyWithProgress(
        new Uint8Array(msg.bytes),
        msg.options ?? null,
        (p) => {
          self.postMessage({ type: 'progress', id: msg.id, rows: p.rows, line: p.line, lines: p.lines });
          return true;
        },
      );
      self.postMessage({ type: 'done', id: msg.id, report });
    } else if (msg.type === 'call') {
      await init();
      const fn = Object.prototype.hasOwnProperty.call(CALLS, msg.method) ? CALLS[msg.method] : null;
      if (!fn) throw new Error(`unknown engine call ${JSON.stringify(String(msg.method))}`);
      const value = fn(Array.isArray(msg.args) ? msg.args : []);
      self.postMessage({ type: 'result', id: msg.id, value });
    }
  } catch (err) {
    // A trap (RuntimeError: unreachable, out of memory…) leaves the wasm instance unusable.
    const fatal = typeof WebAssembly !== 'undefined' && err instanceof WebAssembly.RuntimeError;
    self.postMessage({ type: 'error', id: msg.id, message: String((err && err.message) || err), fatal });
  }
};
