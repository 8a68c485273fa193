// <veracity-check>: Veracity on a newsroom CMS page (dist/veracity-embed.js; EMBED.md says
// what to paste and what the host's CSP must allow).
//
// The tool runs in a sandboxed iframe (sandbox="allow-scripts allow-downloads", no
// allow-same-origin): its document has an opaque origin, so the host page's scripts cannot
// read what a reporter pastes or opens in it, and it cannot touch the host's cookies or
// storage. By default the iframe's srcdoc is the single-file page, carried in this script; with
// a src attribute (<veracity-check src="https://tools.example.org/veracity.html">) it loads a // allow-net: a documentation example, not a request
// hosted copy of veracity.html instead. The frame posts only its height and a status.
//
// A srcdoc frame inherits the host page's Content-Security-Policy. When that policy forbids
// WebAssembly (no 'wasm-unsafe-eval') or the frame's scripts, the element says so on screen.
(() => {
  'use strict';
  const SRCDOC = '__VERACITY_SRCDOC__';
  const VERSION = '__VERACITY_VERSION__';
  const EMPTY_WASM = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  const START_TIMEOUT_MS = 20000;

  const MESSAGES = {
    'wasm-blocked':
      "Veracity cannot run on this page: the page's Content-Security-Policy does not allow " +
      "WebAssembly. The site's administrators must add 'wasm-unsafe-eval' to its script-src " +
      '(see EMBED.md), or link to the offline copy of Veracity instead.',
    'no-start':
      'Veracity did not start on this page. The most likely cause is the page\'s ' +
      'Content-Security-Policy, which must allow the tool\'s scripts (see EMBED.md).',
  };
  const MESSAGES_ZH = {
    'wasm-blocked': '本页面的内容安全策略（CSP）不允许 WebAssembly，Veracity 无法在此运行。',
    'no-start': 'Veracity 未能在本页面启动，可能是本页面的内容安全策略（CSP）阻止了它。',
  };

  class VeracityCheck extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) {
        if (this._onMessage) window.addEventListener('message', this._onMessage);
        return;
      }
      const root = this.attachShadow({ mode: 'open' });
      this.style.display = 'block';

      const message = document.createElement('div');
      message.setAttribute('role', 'alert');
      message.setAttribute('data-testid', 'embed-message');
      message.hidden = true;
      Object.assign(message.style, {
        border: '2px solid #b00020',
        padding: '0.75rem 1rem',
        margin: '0 0 0.5rem',
        font: '1rem/1.4 system-ui, sans-serif',
        color: '#b00020',
        background: '#fff',
      });

      const frame = document.createElement('iframe');
      frame.setAttribute('sandbox', 'allow-scripts allow-downloads');
      frame.setAttribute('referrerpolicy', 'no-referrer');
      frame.setAttribute('title', this.getAttribute('title') || 'Veracity: check a sample of leaked records on this device');
      frame.setAttribute('data-testid', 'embed-frame');
      Object.assign(frame.style, { display: 'block', width: '100%', height: '40rem', border: '0' });

      this.status = 'loading';
      this.dataset.status = 'loading';
      const src = this.getAttribute('src');

      const show = (key) => {
        message.replaceChildren(
          document.createTextNode(MESSAGES[key]),
          document.createElement('br'),
          Object.assign(document.createElement('span'), { lang: 'zh-Hans', textContent: MESSAGES_ZH[key] }),
        );
        message.hidden = false;
      };
      const setStatus = (status) => {
        if (this.status === 'wasm-blocked') return; // the first diagnosis stands
        this.status = status;
        this.dataset.status = status;
        if (status === 'wasm-blocked' || status === 'no-start') show(status);
        else message.hidden = true;
        this.dispatchEvent(new CustomEvent('veracity-status', { detail: { status }, bubbles: true }));
      };

      this._onMessage = (event) => {
        if (event.source !== frame.contentWindow) return;
        const m = event.data;
        if (!m || m.veracity !== 1) return;
        if (m.type === 'height' && Number.isFinite(m.height) && m.height > 0) {
          frame.style.height = `${Math.min(Math.ceil(m.height), 100000)}px`;
        } else if (m.type === 'status' && (m.status === 'ready' || m.status === 'wasm-blocked')) {
          clearTimeout(this._timer);
          setStatus(m.status);
        }
      };
      window.addEventListener('message', this._onMessage);
      this._timer = setTimeout(() => {
        if (this.status === 'loading') setStatus('no-start');
      }, START_TIMEOUT_MS);

      if (src) {
        frame.src = new URL(src, document.baseURI).href;
      } else {
        // The srcdoc frame inherits this page's CSP: probe it here, at once.
        WebAssembly.compile(EMPTY_WASM).catch(() => setStatus('wasm-blocked'));
        frame.srcdoc = SRCDOC;
      }
      root.append(message, frame);
    }

    disconnectedCallback() {
      if (this._onMessage) window.removeEventListener('message', this._onMessage);
      clearTimeout(this._timer);
    }

    static get version() {
      return VERSION;
    }
  }

  if (!customElements.get('veracity-check')) customElements.define('veracity-check', VeracityCheck);
})();
