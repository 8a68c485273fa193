// When the page runs inside an iframe (the <veracity-check> embed, see embed.js), tells the
// parent page two things and nothing else: the height the page needs, and a status
// ('ready' once WebAssembly may run here, 'wasm-blocked' when a Content-Security-Policy —
// e.g. the host page's, which a srcdoc frame inherits — forbids it). Never anything pasted.

const EMPTY_WASM = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

export function startFrameMessages(win = window) {
  if (win.parent === win) return false;
  const post = (message) => win.parent.postMessage({ veracity: 1, ...message }, '*');

  let last = -1;
  const sendHeight = () => {
    const height = Math.ceil(win.document.documentElement.getBoundingClientRect().height);
    if (height !== last) {
      last = height;
      post({ type: 'height', height });
    }
  };
  new ResizeObserver(sendHeight).observe(win.document.documentElement);

  win.WebAssembly.compile(EMPTY_WASM).then(
    () => post({ type: 'status', status: 'ready' }),
    () => post({ type: 'status', status: 'wasm-blocked' }),
  );
  return true;
}

startFrameMessages();
