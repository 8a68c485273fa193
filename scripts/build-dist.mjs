#!/usr/bin/env node
// Builds the three ways to ship Veracity into one directory (default dist/), from www/, the
// wasm-bindgen output (--pkg, made by scripts/build-wasm.sh) and the demo sample. Node's
// standard library only; no network; reproducible (no timestamps, sorted file lists), so two
// builds from the same commit give the same SHA256SUMS.
//
//   index.html + files     the hosted page; CSP connect-src 'none': the wasm reaches the worker
//                          as pkg/veracity_wasm.js (base64, importScripts), the demo sample as
//                          demo.js (an ES module), never through fetch.
//   veracity.html          one self-contained file: every script and style inline (CSP with
//                          their sha256 hashes), the wasm inline (gzipped, then base64: see
//                          WASM_LOADER), the worker from a Blob URL; works opened from disk
//                          (file://) with no network.
//   veracity-embed.js      the <veracity-check> custom element (www/embed.js) carrying
//                          veracity.html as the srcdoc of a sandboxed iframe.
//   veracity-embed-csp.txt what a host page's CSP must allow for the srcdoc embed.
//   SHA256SUMS             sha256sum format, every other file.
//
// The page's ES modules are bundled for the single file: static relative imports and exports
// (`import { a, b as c } from './x.js'`, `import x from`, `import * as ns from`, `export
// function|class|const|let`, `export { a as b }`, `export default`) at the start of a line.
// Anything else (dynamic import(), export * from, cycles) stops the build with a message.
//
// Usage: node scripts/build-dist.mjs --pkg DIR [--www www] [--demo tests/fixtures/demo.csv]
//        [--out dist]

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function args() {
  const a = { www: 'www', demo: 'tests/fixtures/demo.csv', out: 'dist', pkg: null };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i].replace(/^--/, '');
    if (!(k in a) || i + 1 >= argv.length) fail(`unknown or incomplete option ${argv[i]}`);
    a[k] = argv[++i];
  }
  if (!a.pkg) fail('--pkg DIR (the wasm-bindgen output) is required');
  for (const k of Object.keys(a)) a[k] = path.resolve(root, a[k]);
  return a;
}

function fail(message) {
  console.error(`build-dist: ${message}`);
  process.exit(1);
}

const read = (f) => readFileSync(f, 'utf8');
const sha256 = (data) => createHash('sha256').update(data).digest();
const hashSource = (text) => `'sha256-${sha256(Buffer.from(text, 'utf8')).toString('base64')}'`;

// The policies. The hosted page is served with the same policy as an HTTP header by
// scripts/serve.py (a worker gets its CSP from its own response, not from the page).
const COMMON = "connect-src 'none'; form-action 'none'; base-uri 'none'";
const HOSTED_CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  COMMON;
const singleCsp = ({ scripts, styles }) =>
  `default-src 'none'; script-src ${scripts.join(' ')} 'wasm-unsafe-eval'; worker-src blob:; ` +
  `style-src ${styles.join(' ')}; img-src data:; ${COMMON}`;

const META_CSP = /<meta\s+http-equiv=["']?Content-Security-Policy["']?\s+content=(?:"[^"]*"|'[^']*')\s*\/?>/i;

function setCsp(html, csp) {
  const tag = `<meta http-equiv="Content-Security-Policy" content="${csp}">`;
  if (META_CSP.test(html)) return html.replace(META_CSP, () => tag);
  if (/Content-Security-Policy/i.test(html)) fail('index.html has a CSP meta tag this build cannot read');
  const charset = /<meta\s+charset=[^>]*>/i;
  if (!charset.test(html)) fail('index.html has no <meta charset>');
  return html.replace(charset, (m) => `${m}\n${tag}`);
}

// ---- ES module bundling (for the single file) ----------------------------------------------

const IDENT = /^[A-Za-z_$][\w$]*$/;

function moduleId(file, wwwDir) {
  return `__veracity_${path.relative(wwwDir, file).replace(/[^\w$]/g, '_')}`;
}

function parseSpecifiers(list, where) {
  // "a, b as c" → [[a, a], [b, c]] (imported/local name or local/exported name)
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const m = s.match(/^([\w$]+)(?:\s+as\s+([\w$]+))?$/);
      if (!m) fail(`${where}: cannot bundle the specifier "${s}"`);
      return [m[1], m[2] || m[1]];
    });
}

function transformModule(file, wwwDir) {
  const where = path.relative(root, file);
  let src = read(file);
  const deps = [];
  const exports = []; // [local, exported]
  const dep = (spec) => {
    if (!spec.startsWith('./') && !spec.startsWith('../')) fail(`${where}: only relative imports can be bundled (${spec})`);
    const target = path.resolve(path.dirname(file), spec);
    deps.push(target);
    return moduleId(target, wwwDir);
  };

  // import … from '…'
  src = src.replace(/^import\s+([^'";]*?)\s*from\s*(['"])([^'"]+)\2\s*;?/gm, (_, clause, __, spec) => {
    const id = dep(spec);
    const out = [];
    let rest = clause.trim();
    const def = rest.match(/^([\w$]+)\s*(?:,\s*|$)/);
    if (def) {
      out.push(`const ${def[1]} = ${id}.default;`);
      rest = rest.slice(def[0].length).trim();
    }
    if (rest.startsWith('*')) {
      const ns = rest.match(/^\*\s*as\s+([\w$]+)$/);
      if (!ns) fail(`${where}: cannot bundle "import ${clause}"`);
      out.push(`const ${ns[1]} = ${id};`);
    } else if (rest.startsWith('{')) {
      if (!rest.endsWith('}')) fail(`${where}: cannot bundle "import ${clause}"`);
      const names = parseSpecifiers(rest.slice(1, -1), where);
      out.push(`const { ${names.map(([a, b]) => (a === b ? a : `${a}: ${b}`)).join(', ')} } = ${id};`);
    } else if (rest) {
      fail(`${where}: cannot bundle "import ${clause}"`);
    }
    return out.join(' ');
  });
  // import '…' (side effects only)
  src = src.replace(/^import\s*(['"])([^'"]+)\1\s*;?/gm, (_, __, spec) => {
    dep(spec);
    return '';
  });
  // export { a, b as c } from '…'
  src = src.replace(/^export\s*\{([^}]*)\}\s*from\s*(['"])([^'"]+)\2\s*;?/gm, (_, list, __, spec) => {
    const id = dep(spec);
    return parseSpecifiers(list, where)
      .map(([a, b]) => {
        const local = `__reexport_${b}`;
        exports.push([local, b]);
        return `const ${local} = ${id}.${a};`;
      })
      .join(' ');
  });
  // export { a, b as c }
  src = src.replace(/^export\s*\{([^}]*)\}\s*;?/gm, (_, list) => {
    for (const pair of parseSpecifiers(list, where)) exports.push(pair);
    return '';
  });
  // export default function/class name …, export default expression
  src = src.replace(/^export\s+default\s+((?:async\s+)?function\b\s*\*?\s*|class\b\s*)([\w$]*)/gm, (_, kw, name) => {
    const local = name || '__default';
    exports.push([local, 'default']);
    return `${kw}${local}`;
  });
  src = src.replace(/^export\s+default\s+/gm, () => {
    exports.push(['__default', 'default']);
    return 'const __default = ';
  });
  // export function/class/const/let/var name
  src = src.replace(/^export\s+((?:async\s+)?function\b\s*\*?\s*|class\s+|const\s+|let\s+|var\s+)([^\s=(;{]*)/gm, (m, kw, name) => {
    if (!IDENT.test(name)) fail(`${where}: cannot bundle "${m.trim()}" (one plain name per export)`);
    exports.push([name, name]);
    return `${kw}${name}`;
  });
  const left = src.match(/^(?:import|export)\b(?!\.meta|\s*\().*$/m);
  if (left) fail(`${where}: cannot bundle "${left[0].trim()}"`);
  if (/(?<![\w$.])import\s*\(/.test(src)) fail(`${where}: dynamic import() cannot be bundled`);
  return { src, deps, exports };
}

function bundle(entry, wwwDir) {
  const done = new Set();
  const parts = [];
  const visit = (file, stack) => {
    if (done.has(file)) return;
    if (stack.includes(file)) fail(`import cycle: ${[...stack, file].map((f) => path.relative(wwwDir, f)).join(' → ')}`);
    const m = transformModule(file, wwwDir);
    for (const d of m.deps) visit(d, [...stack, file]);
    done.add(file);
    const ret = m.exports.map(([local, exported]) => `${JSON.stringify(exported)}: ${local}`).join(', ');
    parts.push(
      `// ---- ${path.relative(wwwDir, file)}\n` +
        `const ${moduleId(file, wwwDir)} = await (async () => {\n${m.src}\nreturn Object.freeze({ ${ret} });\n})();\n`,
    );
  };
  visit(entry, []);
  return parts.join('\n');
}

// Text placed inside <script>…</script> must not close the element or open a comment.
function scriptSafe(js) {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}
function styleSafe(css) {
  if (/<\/style/i.test(css)) fail('a stylesheet contains "</style"');
  return css;
}

// ---- the wasm in the single file -------------------------------------------------------------
//
// The wasm goes into veracity.html gzipped, then base64 (≈ 1.05 MB instead of 2.7 MB of plain
// base64). The first inline script (a classic script: it runs while the page is still parsing)
// starts unpacking it into globalThis.__VERACITY_WASM__, a Promise of the wasm's bytes, with the
// browser's own DecompressionStream('gzip') (Chromium 80, Firefox 113, Safari 16.4 and later).
// It fetches nothing, so it works from file://, in the embed's sandboxed srcdoc frame and under
// connect-src 'none'. The page's own module then awaits the Promise first and sets
// globalThis.__VERACITY_INLINE__ = {workerSource, wasm: bytes} exactly as www/engine.js expects
// it (it posts the bytes to the worker, which compiles them), so www/ is unchanged. In a browser
// without DecompressionStream the bytes are empty and the console says why: the worker's compile
// fails and the page says the engine could not start, as for any other broken wasm. (No inflate
// of our own: every browser the page otherwise supports has the stream.)
//
// The build runs this same source in Node on the real payload and stops unless it gives back
// the wasm byte for byte (checkLoader).
const WASM_LOADER = String.raw`async function unpackWasm(base64) {
  if (typeof DecompressionStream !== 'function') {
    throw new Error('this browser has no DecompressionStream (Chrome/Edge 80, Firefox 113, Safari 16.4 or later needed)');
  }
  const bin = atob(base64);
  const gz = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) gz[i] = bin.charCodeAt(i);
  const stream = new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}`;

/** The gzip member for the single file: zlib's best level, no name, no time (reproducible). */
function gzipWasm(wasm) {
  return gzipSync(wasm, { level: 9 });
}

/** Runs WASM_LOADER in Node on the payload; stops the build unless it gives back `wasm`. */
async function checkLoader(gzBase64, wasm) {
  const unpack = new Function(`${WASM_LOADER}\nreturn unpackWasm;`)();
  const bytes = await unpack(gzBase64).catch((err) => fail(`the single file's wasm loader: ${err.message}`));
  if (!Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).equals(wasm)) {
    fail("the single file's wasm loader does not give back the wasm");
  }
}

// ---- the build ------------------------------------------------------------------------------

function crateVersion() {
  const toml = read(path.join(root, 'crate/Cargo.toml'));
  const m = toml.match(/^\[package\][^[]*?^version\s*=\s*"([^"]+)"/m);
  if (!m) fail('no [package] version in crate/Cargo.toml');
  return m[1];
}

function demoModule(bytes, name) {
  return `// The demo sample (synthetic), ${name}, generated by scripts/build-dist.mjs. A module rather
// than a file to fetch: the page's CSP has connect-src 'none'.
const BASE64 = '${bytes.toString('base64')}';
export const demoName = ${JSON.stringify(name)};
/** The sample's bytes, exactly as in the repository. */
export function demoBytes() {
  const bin = atob(BASE64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}
`;
}

const OFFLINE_CSS = `
.veracity-offline { margin: 2rem 0 0; font-size: 0.85rem; color: GrayText; }
`;

function offlineNote(version) {
  return (
    `<p class="veracity-offline" data-testid="offline-note" lang="en">Veracity ${version}, offline copy. ` +
    `This file never updates itself and never connects to the network: everything runs on this device. ` +
    `Check it against the published SHA-256 (SHA256SUMS) before use.<br>` +
    `<span lang="zh-Hans">离线版本 ${version}：本文件不会自动更新，也不会连接网络；所有处理都在本机完成。` +
    `使用前请核对公布的 SHA-256。</span></p>`
  );
}

function listFiles(dir, base = dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listFiles(full, base));
    else out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out;
}

async function main() {
  const a = args();
  const version = crateVersion();
  const glue = read(path.join(a.pkg, 'veracity.js'));
  const wasm = readFileSync(path.join(a.pkg, 'veracity_bg.wasm'));
  const wasmBase64 = wasm.toString('base64');
  const gzBase64 = gzipWasm(wasm).toString('base64');
  await checkLoader(gzBase64, wasm);
  const demo = readFileSync(a.demo);
  const indexSrc = read(path.join(a.www, 'index.html'));
  const workerSrc = read(path.join(a.www, 'worker.js'));
  const embedSrc = read(path.join(a.www, 'embed.js'));

  rmSync(a.out, { recursive: true, force: true });
  mkdirSync(path.join(a.out, 'pkg'), { recursive: true });
  const write = (rel, data) => writeFileSync(path.join(a.out, rel), data);

  // 1. The hosted page: www/ as it is (but the embed's source), the frame script, the strict
  //    CSP, the glue, the wasm as a script, the demo as a module.
  for (const rel of listFiles(a.www)) {
    if (rel === 'embed.js' || rel === 'index.html' || rel === 'demo.js' || rel.startsWith('pkg/')) continue;
    mkdirSync(path.dirname(path.join(a.out, rel)), { recursive: true });
    copyFileSync(path.join(a.www, rel), path.join(a.out, rel));
  }
  const appTag = /<script\s+type=["']module["']\s+src=["']([^"']+)["']\s*><\/script>/i;
  if (!appTag.test(indexSrc)) fail('index.html has no <script type="module" src="…"></script>');
  let hosted = setCsp(indexSrc, HOSTED_CSP);
  hosted = hosted.replace(appTag, (m) => `<script type="module" src="frame.js"></script>\n${m}`);
  write('index.html', hosted);
  write('pkg/veracity.js', glue);
  write(
    'pkg/veracity_wasm.js',
    `// The engine's WebAssembly (veracity_bg.wasm, ${wasm.length} bytes) as base64, for the worker's\n` +
      `// importScripts: the page's CSP has connect-src 'none', so the wasm is never fetched.\n` +
      `self.VERACITY_WASM_BASE64 = '${wasmBase64}';\n`,
  );
  write('demo.js', demoModule(demo, path.basename(a.demo)));

  // 2. The single file.
  // demo.js lives in the output, not in www/: bundle from a view where it exists.
  const bundleDir = path.join(a.out, '.bundle');
  mkdirSync(bundleDir, { recursive: true });
  for (const rel of listFiles(a.www)) {
    if (!rel.endsWith('.js')) continue;
    mkdirSync(path.dirname(path.join(bundleDir, rel)), { recursive: true });
    copyFileSync(path.join(a.www, rel), path.join(bundleDir, rel));
  }
  writeFileSync(path.join(bundleDir, 'demo.js'), demoModule(demo, path.basename(a.demo)));

  const scripts = [];
  // The wasm (see WASM_LOADER), then the worker's source; the page's module sets
  // __VERACITY_INLINE__ once the wasm is unpacked, before any of its own code runs.
  const inline = scriptSafe(
    `globalThis.__VERACITY_WASM__ = (() => {\n${WASM_LOADER}\nreturn unpackWasm('${gzBase64}');\n})().catch((err) => {\n` +
      `  console.error('Veracity: the engine could not be unpacked', err);\n  return new Uint8Array(0);\n});\n` +
      `globalThis.__VERACITY_WORKER_SOURCE__ = ${JSON.stringify(`${glue}\n${workerSrc}`)};`,
  );
  scripts.push(`<script>${inline}</script>`);
  const hashes = [hashSource(inline)];
  const appEntry = path.join(bundleDir, appTag.exec(indexSrc)[1]);
  const entries = [path.join(bundleDir, 'frame.js'), appEntry];
  const wasmReady =
    'globalThis.__VERACITY_INLINE__ = Object.freeze({ workerSource: globalThis.__VERACITY_WORKER_SOURCE__, ' +
    'wasm: await globalThis.__VERACITY_WASM__ });\n';
  for (const entry of entries) {
    const js = `\n${entry === appEntry ? wasmReady : ''}${scriptSafe(bundle(entry, bundleDir))}`;
    hashes.push(hashSource(js)); // over the element's exact text
    scripts.push(`<script type="module">${js}</script>`);
  }
  rmSync(bundleDir, { recursive: true, force: true });

  let single = indexSrc;
  const styleHashes = [];
  single = single.replace(/<link\s+rel=["']stylesheet["']\s+href=["']([^"']+)["']\s*\/?>/gi, (_, href) => {
    const css = read(path.join(a.www, href));
    if (/url\(\s*(?!["']?data:)/i.test(css)) fail(`${href}: url() to a file cannot be inlined`);
    const text = styleSafe(css);
    styleHashes.push(hashSource(text));
    return `<style>${text}</style>`;
  });
  const extra = `<style>${OFFLINE_CSS}</style>`;
  styleHashes.push(hashSource(OFFLINE_CSS));
  single = single.replace(/<\/head>/i, () => `${extra}\n</head>`);
  single = single.replace(appTag, () => scripts.join('\n'));
  if (/<script[^>]+src=/i.test(single)) fail('index.html has a script src this build does not inline');
  if (/<link(?![^>]*href=["']data:)[^>]*href=/i.test(single)) fail('index.html links a file this build does not inline');
  if (!/<\/body>/i.test(single)) fail('index.html has no </body>');
  single = single.replace(/<\/body>/i, () => `${offlineNote(version)}\n</body>`);
  single = setCsp(single, singleCsp({ scripts: hashes, styles: styleHashes }));
  write('veracity.html', single);

  // 3. The embed: the custom element carrying the single file.
  const marker = "'__VERACITY_SRCDOC__'";
  if (!embedSrc.includes(marker)) fail(`www/embed.js has no ${marker}`);
  const embed = embedSrc.replace(marker, () => JSON.stringify(single)).replace("'__VERACITY_VERSION__'", () => JSON.stringify(version));
  write('veracity-embed.js', embed);
  write(
    'veracity-embed-csp.txt',
    `# What a host page's Content-Security-Policy must allow for <veracity-check> in its default\n` +
      `# (srcdoc) mode, Veracity ${version}: the iframe's document inherits the host's policy. Merge\n` +
      `# these sources into the host's directives (keep the host's own sources, e.g. for\n` +
      `# veracity-embed.js itself). See EMBED.md.\n` +
      `script-src ${hashes.join(' ')} 'wasm-unsafe-eval'\n` +
      `worker-src blob:\n` +
      `style-src ${styleHashes.join(' ')}\n` +
      `img-src data:\n`,
  );

  // SHA256SUMS over everything else, sorted.
  const sums = listFiles(a.out)
    .filter((f) => f !== 'SHA256SUMS')
    .map((f) => `${sha256(readFileSync(path.join(a.out, f))).toString('hex')}  ${f}\n`)
    .join('');
  write('SHA256SUMS', sums);

  const size = (f) => statSync(path.join(a.out, f)).size;
  console.log(
    `build-dist: ${path.relative(root, a.out) || '.'}/: index.html (hosted), veracity.html ${size('veracity.html')} bytes, ` +
      `veracity-embed.js ${size('veracity-embed.js')} bytes, SHA256SUMS`,
  );
}

await main();
