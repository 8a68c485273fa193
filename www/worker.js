// The engine's worker: runs the wasm off the main thread so the page stays responsive.
// A classic worker (not a module) so the same code runs from the hosted page
// (importScripts of the wasm-bindgen "no-modules" glue) and from a Blob URL in the offline
// single file (glue and this code concatenated, the wasm posted in the init message).
//
// The wasm never comes through fetch: the page's CSP has connect-src 'none'. The hosted page
// loads it with importScripts('pkg/veracity_wasm.js'), a script the build writes that sets
// self.VERACITY_WASM_BASE64; the single file posts the same base64 text in the init message.
//
// Protocol: main → worker {type:'init', wasm?: ArrayBuffer | Uint8Array | base64 string},
// {type:'run', id, bytes, options}; worker → main {type:'ready', version},
// {type:'progress', id, rows, line, lines}, {type:'done', id, report}, {type:'error', id, message}.
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
