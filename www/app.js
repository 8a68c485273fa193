// The page: reads the input (textarea, file or the demo sample), runs the wasm engine on it in
// this page, and shows the report. Only the page's own files are ever fetched; nothing is
// stored and nothing goes into the URL. The report is built with textContent only: input
// values never become markup.

import { createEngine } from './engine.js';
import { demoBytes } from './demo.js'; // written by the build (no fetch: connect-src 'none')

const engine = createEngine();

const $ = (id) => document.getElementById(id);
const input = $('input');
const fileInput = $('file');
const runButton = $('run');
const demoButton = $('demo');
const status = $('status');
const report = $('report');

// What Run will verify: bytes from a file or the demo sample, or null for the textarea's text.
let loaded = null;

function setStatus(text) {
  status.textContent = text;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) {
    node.append(c instanceof Node ? c : String(c ?? ''));
  }
  return node;
}

function table(headers, rows, testid) {
  const head = el('tr', {}, ...headers.map((h) => el('th', { scope: 'col' }, h)));
  const body = rows.map((cells) =>
    el('tr', {}, ...cells.map((c) => (typeof c === 'number' ? el('td', { class: 'num' }, c) : el('td', {}, c)))),
  );
  return el('table', { 'data-testid': testid }, el('thead', {}, head), el('tbody', {}, ...body));
}

function topReasons(counts, n = 3) {
  return Object.entries(counts || {})
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([reason, count]) => `${reason} ×${count}`)
    .join(', ');
}

function renderReport(r) {
  const inp = r.input;
  const summary = el('dl', { class: 'summary', 'data-testid': 'summary' });
  const facts = [
    ['Rows', inp.rows],
    ['Columns', inp.columns],
    ['Format', inp.format + (inp.delimiter ? ` (delimiter ${JSON.stringify(inp.delimiter)})` : '')],
    ['Encoding', inp.encoding],
    ['Header row', inp.has_header ? 'yes' : 'no'],
    ['Size', `${inp.bytes} bytes`],
    ['SHA-256', inp.sha256],
  ];
  if (inp.malformed_bytes) facts.push(['Undecodable bytes', inp.malformed_bytes]);
  if (inp.ragged_rows) facts.push(['Ragged rows', inp.ragged_rows]);
  if (inp.unparseable_rows) facts.push(['Unparseable rows', inp.unparseable_rows]);
  for (const [k, v] of facts) summary.append(el('dt', {}, k), el('dd', {}, v));

  const columns = table(
    ['#', 'Column', 'Kind', 'Confidence', 'Valid', 'Invalid', 'Empty', 'Top invalid reasons'],
    r.columns.map((c) => [
      c.index + 1,
      c.header,
      c.kind,
      `${Math.round(c.confidence * 100)}% (${c.kind_source})`,
      c.valid,
      c.invalid,
      c.empty,
      topReasons(c.invalid_reasons),
    ]),
    'columns',
  );

  const parts = [el('h2', {}, 'Input'), summary, el('h2', {}, 'Columns'), columns];

  if (r.cross_checks.length) {
    parts.push(
      el('h2', {}, 'Cross-checks'),
      table(
        ['Check', 'Columns', 'Checked', 'Disagree'],
        r.cross_checks.map((x) => [x.id, x.columns.join(' ↔ '), x.checked, x.disagree]),
        'cross-checks',
      ),
    );
  }

  parts.push(el('h2', {}, 'Flagged rows'));
  if (r.flagged_total === 0) {
    parts.push(el('p', { class: 'muted' }, 'No row was flagged.'));
  } else {
    if (r.flagged_rows.length < r.flagged_total) {
      parts.push(el('p', { class: 'muted' }, `Showing the first ${r.flagged_rows.length} of ${r.flagged_total}.`));
    }
    parts.push(
      table(
        ['Row', 'Column', 'Reason', 'Value'],
        r.flagged_rows.map((f) => [f.row, f.column, f.reason, f.value]),
        'flagged',
      ),
    );
  }
  parts.push(el('p', { class: 'muted' }, `${r.tool.name} ${r.tool.version}, report schema ${r.schema_version}`));
  report.replaceChildren(...parts);
}

function renderError(message) {
  report.replaceChildren(el('p', { class: 'error', role: 'alert', 'data-testid': 'error' }, message));
}

function currentBytes() {
  if (loaded) return loaded.bytes;
  return new TextEncoder().encode(input.value);
}

async function run() {
  const bytes = currentBytes();
  if (bytes.length === 0) {
    renderError('Nothing to verify: paste some records, open a file or try the demo sample.');
    return;
  }
  setStatus('Verifying…');
  const started = performance.now();
  try {
    const r = await engine.run(bytes, {}, (p) => setStatus(`Verifying… ${p.rows} rows`));
    renderReport(r);
    setStatus(`Done in ${Math.round(performance.now() - started)} ms.`);
  } catch (e) {
    renderError(e instanceof Error ? e.message : String(e));
    setStatus('');
  }
}

function load(name, bytes, preview) {
  loaded = { name, bytes };
  input.value = preview;
  setStatus(`Loaded ${name} (${bytes.length} bytes).`);
}

async function loadDemo() {
  try {
    const bytes = demoBytes();
    load('the demo sample', bytes, new TextDecoder().decode(bytes));
  } catch (e) {
    renderError(`Could not load the demo sample: ${e.message}`);
  }
}

async function loadFile() {
  const file = fileInput.files && fileInput.files[0];
  if (!file) return;
  const bytes = new Uint8Array(await file.arrayBuffer());
  // A preview only: the engine gets the file's bytes as they are (any encoding).
  const head = new TextDecoder().decode(bytes.subarray(0, 20000));
  load(file.name, bytes, bytes.length > 20000 ? `${head}\n…` : head);
}

input.addEventListener('input', () => {
  loaded = null;
  setStatus('');
});
fileInput.addEventListener('change', loadFile);
demoButton.addEventListener('click', loadDemo);
runButton.addEventListener('click', run);

try {
  await engine.warmUp();
  $('version').textContent = `Veracity ${engine.version}`;
  runButton.disabled = false;
  document.body.dataset.ready = 'true';
} catch (e) {
  renderError(`The engine could not start: ${e.message}`);
}
