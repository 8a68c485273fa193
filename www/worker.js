// The engine's worker: runs the wasm off the main thread so the page stays responsive.
// A classic worker (not a module) so the same code runs from the hosted page
// (importScripts of the wasm-bindgen "no-modules" glue) and from a Blob URL in the offline
// single file (glue and this code concatenated, the wasm bytes posted in the init message).
//
// Protocol: main → worker {type:'init', wasm?: ArrayBuffer}, {type:'run', id, bytes, options};
// worker → main {type:'ready', version}, {type:'progress', id, rows, line, lines},
// {type:'done', id, report}, {type:'error', id, message}.
/* global wasm_bindgen, importScripts */
'use strict';

let ready = null;

function init(wasm) {
  if (!ready) {
    if (typeof wasm_bindgen === 'undefined') importScripts('pkg/veracity.js');
    const source = wasm || new URL('pkg/veracity_bg.wasm', self.location.href);
    ready = wasm_bindgen({ module_or_path: source });
  }
  return ready;
}

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
    }
  } catch (err) {
    self.postMessage({ type: 'error', id: msg.id, message: String((err && err.message) || err) });
  }
};
