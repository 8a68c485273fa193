// The page: takes the input (pasted text, a dropped or picked file, or the demo sample), runs
// the engine on it in a Web Worker (engine.js), and shows the report (render.js).
//
// Privacy: the page loads only its own files and fetches nothing (CSP connect-src 'none');
// nothing is written to storage, cookies or the URL; everything from the input reaches the DOM through textContent. All state lives
// in the variables below and Clear everything drops it.

import { createEngine } from './engine.js';
import { t, setLang, detectLang, getLang, translateDom, formatNumber, formatBytes } from './i18n.js';
import { renderReport, el, ALL_FLAGS_CAP, setRegistry } from './render.js';
import { exportJson, exportMarkdown, download, revokeAll } from './export.js';
import { callSheetSection, compareSection, evidenceLine } from './workflow.js';
import { checkResult, formatsList, fillFormatSelect } from './lookup.js';
import { demoBytes } from './demo.js'; // written by the build (no fetch: connect-src 'none')

const engine = createEngine();

const $ = (id) => document.getElementById(id);
const input = $('input');
const fileInput = $('file');
const fileInfo = $('file-info');
const fileInfoText = $('file-info-text');
const runButton = $('run');
const cancelButton = $('cancel');
const clearButton = $('clear');
const demoButton = $('demo');
const langSelect = $('lang');
const status = $('status');
const progressRow = $('progress-row');
const progress = $('progress');
const progressText = $('progress-text');
const reportBox = $('report');
const dropzone = $('dropzone');
const workflowBox = $('workflow');
const checkForm = $('check-form');
const checkInput = $('check-input');
const checkFormat = $('check-format');
const checkRun = $('check-run');
const checkOut = $('check-out');
const formatsOut = $('formats-out');
const settings = {
  reference_date: $('reference-date'),
  encoding: $('encoding'),
  format: $('format'),
  has_header: $('has-header'),
  delimiter: $('delimiter'),
};

/** How much of a file is shown (the whole file is always what is checked). */
const PREVIEW_BYTES = 1024;
/** A demo sample up to this size goes into the text area, editable; larger ones are kept as bytes. */
const DEMO_TEXT_LIMIT = 256 * 1024;

const state = {
  /** A file ({name, blob}: the File itself, read by the engine's workers in chunks, never
   * whole by the page), or null when the text area is the input. */
  file: null,
  /** The last report shown. */
  report: null,
  /** Column kind overrides: 1-based column number → kind id. */
  kinds: {},
  /** Full values in flagged rows (off by default; never kept beyond this page's memory). */
  showValues: false,
  /** Cap on listed flagged rows; null for the engine's default. */
  maxFlagged: null,
  /** The status line as {key, params}, so a language switch can re-say it. */
  status: null,
  ready: false,
  /** The input the shown report was made from (a Blob, or the bytes of a pasted text; the
   * call sheet and the comparison use it). */
  reportBytes: null,
  /** The last call sheet drawn for this input, the choices it was drawn with, its export. */
  sheet: null,
  lastDraw: null,
  sheetDoc: null,
  /** The earlier file ({name, bytes}, in this page's memory only) and the last comparison. */
  earlier: null,
  comparison: null,
  /** The last evidence report exported from the report ({name, sha256}). */
  reportDoc: null,
  /** A workflow error to show: {where: 'sheet'|'compare', key, message}. */
  workError: null,
  /** A workflow request (draw, compare, export) in flight. */
  working: false,
  /** The engine's registry of formats, and the last single-value check. */
  formats: [],
  lookup: null,
  lookupError: null,
};

// ---- status, progress ----------------------------------------------------------------------

function setStatus(key, params) {
  state.status = key ? { key, params } : null;
  status.textContent = key ? t(key, params) : '';
}

function setRunning(running) {
  progressRow.hidden = !running;
  runButton.disabled = running || !state.ready;
  workflowBox.inert = running;
  demoButton.disabled = running;
  fileInput.disabled = running;
  reportBox.inert = running;
  reportBox.setAttribute('aria-busy', running ? 'true' : 'false');
}

function showProgress(p, started) {
  const seconds = Math.max((performance.now() - started) / 1000, 0.001);
  if (p.total > 0) {
    progress.max = p.total;
    progress.value = Math.min(p.done, p.total);
  }
  const text = t('status.progress', { rows: formatNumber(p.rows), rate: formatNumber(Math.round(p.rows / seconds)) });
  progressText.textContent = text;
  progress.setAttribute('aria-valuetext', text);
}

// ---- input ---------------------------------------------------------------------------------

/** The demo sample's bytes. The one place that knows where the demo comes from (demo.js is
 * written by the build: a module, since the page's CSP allows no fetch). */
async function loadDemoBytes() {
  return demoBytes();
}

/** A new input: forget overrides and choices made for the previous one. */
function resetChoices() {
  state.kinds = {};
  state.showValues = false;
  state.maxFlagged = null;
  // A new input: the sheet and comparison of the old one no longer apply.
  state.sheet = null;
  state.sheetDoc = null;
  state.comparison = null;
  state.reportDoc = null;
  state.workError = null;
}

function useText() {
  state.file = null;
  input.readOnly = false;
  fileInfo.hidden = true;
  fileInfoText.textContent = '';
}

/** A short readable preview of a file's first bytes (`head`), in its likely encoding. */
function preview(head, size) {
  const tryDecode = (label, fatal) => {
    try {
      return new TextDecoder(label, { fatal }).decode(head);
    } catch {
      return null;
    }
  };
  let text = null;
  if (head[0] === 0xff && head[1] === 0xfe) text = tryDecode('utf-16le', false);
  else if (head[0] === 0xfe && head[1] === 0xff) text = tryDecode('utf-16be', false);
  else {
    // UTF-8 when it decodes (allowing a character cut at the end), else GB18030.
    for (let cut = 0; cut < 4 && text === null; cut++) {
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, head.length - cut));
      } catch {
        text = null;
      }
    }
    if (text === null) text = tryDecode('gb18030', false);
  }
  return (text ?? '') + (size > PREVIEW_BYTES ? '\n…' : '');
}

/** A file (a Blob) becomes the input: only its first bytes are read here, for the preview. */
async function useFile(name, blob) {
  const head = new Uint8Array(await blob.slice(0, PREVIEW_BYTES).arrayBuffer());
  resetChoices();
  state.file = { name, blob };
  input.value = preview(head, blob.size);
  input.readOnly = true;
  fileInfoText.textContent = t('file.preview', { size: formatBytes(Math.min(blob.size, PREVIEW_BYTES)), name });
  fileInfo.hidden = false;
  setStatus('file.loaded', { name, size: formatBytes(blob.size) });
  engine.prepare(blob);
}

async function loadFile(file) {
  if (!file) return;
  try {
    await useFile(file.name, file);
  } catch (e) {
    showError('error.run', e);
  }
}

async function loadDemo() {
  try {
    const bytes = await loadDemoBytes();
    let text = null;
    if (bytes.length <= DEMO_TEXT_LIMIT) {
      try {
        // ignoreBOM keeps a BOM in the text, so the bytes checked are the demo's bytes.
        text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
      } catch {
        text = null;
      }
    }
    const name = t('demo.name');
    if (text === null) {
      await useFile(name, new Blob([bytes]));
    } else {
      resetChoices();
      useText();
      fileInput.value = '';
      input.value = text;
      setStatus('file.loaded', { name, size: formatBytes(bytes.length) });
    }
  } catch (e) {
    showError('demo.failed', e);
  }
}

/** What a run checks: the file (a Blob), or the text area's text as UTF-8 bytes. */
function currentSource() {
  if (state.file) return state.file.blob;
  return new TextEncoder().encode(input.value);
}

// ---- running -------------------------------------------------------------------------------

function options() {
  const o = {};
  if (Object.keys(state.kinds).length) o.kinds = { ...state.kinds };
  if (state.showValues) o.show_values = true;
  if (state.maxFlagged) o.max_flagged = state.maxFlagged;
  if (settings.reference_date.value) o.reference_date = settings.reference_date.value;
  if (settings.encoding.value) o.encoding = settings.encoding.value;
  if (settings.format.value) o.format = settings.format.value;
  if (settings.has_header.value) o.has_header = settings.has_header.value === 'true';
  const d = settings.delimiter.value;
  if (d) o.delimiter = d === '\\t' ? '\t' : d;
  return o;
}

function showError(key, e) {
  const message = e instanceof Error ? e.message : String(e ?? '');
  reportBox.replaceChildren(el('p', { class: 'error', role: 'alert', 'data-testid': 'error' }, t(key, { message })));
}

/** Where focus was inside the report, to put it back on the same control once it is redrawn. */
function focusKey() {
  const a = document.activeElement;
  if (!a || !reportBox.contains(a) || !a.dataset.testid) return null;
  return { testid: a.dataset.testid, column: a.dataset.column };
}

function restoreFocus(key) {
  if (!key) return false;
  const sel = `[data-testid="${key.testid}"]${key.column !== undefined ? `[data-column="${key.column}"]` : ''}`;
  const target = reportBox.querySelector(sel);
  if (!target || target.disabled) return false;
  target.focus();
  return true;
}

/** Back to the choices the shown report was made with (after a cancelled or failed re-run). */
function syncChoicesToReport() {
  const s = state.report?.settings;
  if (!s) return;
  state.kinds = { ...(s.kinds || {}) };
  state.showValues = Boolean(s.show_values);
  state.maxFlagged = s.max_flagged > 1000 ? s.max_flagged : null;
}

async function run({ focus = false } = {}) {
  if (engine.busy || !state.ready) return;
  const source = currentSource();
  if ((source instanceof Blob ? source.size : source.length) === 0) {
    reportBox.replaceChildren(el('p', { class: 'error', role: 'alert', 'data-testid': 'error' }, t('error.empty')));
    return;
  }
  const from = focusKey();
  const fromRun = document.activeElement === runButton;
  progress.removeAttribute('value');
  progress.removeAttribute('aria-valuetext');
  progressText.textContent = '';
  // An error from an earlier attempt goes; a shown report stays (inert) until the new one.
  if (!state.report) reportBox.replaceChildren();
  setStatus('status.running');
  setRunning(true);
  if (fromRun || from) cancelButton.focus();
  const started = performance.now();
  let landed = false;
  try {
    const report = await engine.run(source, options(), (p) => showProgress(p, started));
    // For the benchmark: the click → the report in this page (`veracity:engine`; the part of
    // it spent in the worker's engine call is engine.lastTiming.worker for a whole-input run),
    // then drawing it (`veracity:draw`).
    performance.measure('veracity:engine', { start: started });
    const drawStart = performance.now();
    state.report = report;
    state.reportBytes = source;
    state.reportDoc = null;
    // A sheet or comparison made from other bytes does not belong to this report.
    if (state.sheet && state.sheet.input_sha256 !== report.input.sha256) state.sheet = null;
    if (state.comparison && state.comparison.b.sha256 !== report.input.sha256) state.comparison = null;
    setRunning(false);
    showReport();
    performance.measure('veracity:draw', { start: drawStart });
    // For the benchmark: the click (or change) that started the run → the report drawn.
    performance.measure('veracity:run', { start: started });
    setStatus('status.done', {
      rows: formatNumber(report.input.rows),
      ms: formatNumber(Math.round(performance.now() - started)),
    });
    if (focus) {
      reportBox.querySelector('[data-testid="verdict"]')?.focus();
      landed = true;
    } else landed = restoreFocus(from);
  } catch (e) {
    setRunning(false);
    if (e instanceof Error && e.message === 'cancelled') {
      // Clear everything cancels too, and says so itself.
      if (state.status?.key !== 'status.cleared') setStatus('status.cancelled');
      syncChoicesToReport();
      if (state.report) showReport();
      landed = restoreFocus(from);
    } else {
      setStatus(null);
      state.report = null;
      state.reportBytes = null;
      renderWorkflow();
      showError('error.run', e);
    }
  } finally {
    setRunning(false);
    const a = document.activeElement;
    if (!landed && (a === document.body || a === cancelButton || a === null)) runButton.focus();
  }
}

const ui = {
  onKind(index, kind) {
    const key = String(index + 1);
    if (kind) state.kinds[key] = kind;
    else delete state.kinds[key];
    run();
  },
  onShowValues(on) {
    state.showValues = on;
    run();
  },
  onAllFlags() {
    state.maxFlagged = ALL_FLAGS_CAP;
    run();
  },
  onExportJson() {
    if (state.report) exportJson(state.report);
  },
  async onExportReport() {
    const report = state.report;
    if (!report) return;
    // The engine's evidence report (the same document the CLI writes), with the call sheet and
    // the comparison when they were made; else (the engine failed) the page's Markdown.
    try {
      state.reportDoc = await exportEvidence();
      showReportDoc();
    } catch (e) {
      exportMarkdown(report);
      setStatus('evidence.failed', { message: e instanceof Error ? e.message : String(e) });
    }
  },
};

// ---- the reporter's workflow: call sheet, comparison, evidence report ----------------------

/** The sheet and comparison that belong to the shown report, if any. */
function workflowParts() {
  const sha = state.report?.input.sha256;
  return {
    callSheet: state.sheet && state.sheet.input_sha256 === sha ? state.sheet : null,
    comparison: state.comparison && state.comparison.b.sha256 === sha ? state.comparison : null,
  };
}

/** Makes the evidence report (HTML, page language) and hands it to the browser's download. */
async function exportEvidence() {
  const report = state.report;
  const doc = await engine.evidence(report, { format: 'html', lang: getLang() === 'zh-CN' ? 'zh' : 'en', ...workflowParts() });
  const name = `veracity-report-${report.input.sha256.slice(0, 12)}.html`;
  download(name, 'text/html;charset=utf-8', doc.text);
  return { name, sha256: doc.sha256 };
}

/** Shows the exported report's own SHA-256 under the export buttons. */
function showReportDoc() {
  reportBox.querySelector('[data-testid="report-sha256-line"]')?.remove();
  const exports = reportBox.querySelector('[data-testid="exports"]');
  if (exports && state.reportDoc) exports.after(evidenceLine(state.reportDoc, 'report-sha256'));
}

/** Runs one workflow request: the Cancel button stops it; errors show in its section. */
async function work(where, fn, prepare) {
  if (state.working || engine.busy || !state.report) return;
  state.working = true;
  state.workError = null;
  prepare?.();
  const from = document.activeElement?.dataset?.testid;
  progress.removeAttribute('value');
  progressText.textContent = t('status.working');
  progressRow.hidden = false;
  runButton.disabled = true;
  renderWorkflow();
  try {
    await fn();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    state.workError = { where, message: message === 'cancelled' ? t('status.cancelled') : message };
  } finally {
    state.working = false;
    progressRow.hidden = true;
    progressText.textContent = '';
    runButton.disabled = !state.ready;
    renderWorkflow();
    if (from) workflowBox.querySelector(`[data-testid="${from}"]`)?.focus();
  }
}

const workflowUi = {
  onDraw(draw) {
    state.lastDraw = draw;
    const clear = () => {
      // The old sheet goes at once: what is shown is always the sheet of the last draw.
      state.sheet = null;
      state.sheetDoc = null;
    };
    return work('sheet', async () => {
      state.sheet = await engine.drawCallSheet(state.reportBytes, state.report.settings, {
        n: draw.n,
        seed: draw.seed,
        only_valid: draw.only_valid,
        stratify: draw.stratify,
        reveal: draw.reveal,
      });
      setStatus('sheet.done', { n: formatNumber(state.sheet.rows.length), seed: state.sheet.seed });
    }, clear);
  },
  onCsv() {
    const sheet = state.sheet;
    if (!sheet) return;
    return work('sheet', async () => {
      const csv = await engine.callSheetCsv(sheet);
      download(`veracity-callsheet-${sheet.input_sha256.slice(0, 12)}-seed-${sheet.seed}.csv`, 'text/csv;charset=utf-8', csv);
    });
  },
  onHtml() {
    if (!state.sheet) return;
    return work('sheet', async () => {
      state.sheetDoc = await exportEvidence();
    });
  },
  async onPick(file) {
    if (!file) return;
    try {
      state.earlier = { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
      state.comparison = null;
      state.workError = null;
    } catch (e) {
      state.workError = { where: 'compare', message: e instanceof Error ? e.message : String(e) };
    }
    renderWorkflow();
    workflowBox.querySelector('[data-testid="compare-run"]')?.focus();
  },
  onRemove() {
    state.earlier = null;
    state.comparison = null;
    renderWorkflow();
    workflowBox.querySelector('[data-testid="compare-file"]')?.focus();
  },
  onCompare() {
    if (!state.earlier) return;
    const earlier = state.earlier.bytes;
    return work('compare', async () => {
      // Only the reference date and the show-values choice carry over: the reading settings
      // and column overrides were made for this sample, not for the earlier file.
      const s = state.report.settings;
      state.comparison = await engine.compare(earlier, state.reportBytes, {
        reference_date: s.reference_date,
        show_values: Boolean(s.show_values),
      });
      setStatus('compare.done');
    }, () => {
      state.comparison = null;
    });
  },
};

function workError(where) {
  const e = state.workError;
  if (!e || e.where !== where) return null;
  return el('p', { class: 'error', role: 'alert', 'data-testid': `${where}-error` }, t('workflow.failed', { message: e.message }));
}

/** The workflow sections for the shown report (hidden without one). */
function renderWorkflow() {
  if (!state.report || !state.reportBytes) {
    workflowBox.hidden = true;
    workflowBox.replaceChildren();
    return;
  }
  const busy = state.working || engine.busy;
  const parts = workflowParts();
  const sheet = callSheetSection(state.report, {
    ...workflowUi,
    sheet: parts.callSheet,
    lastDraw: state.lastDraw,
    sheetDoc: state.sheetDoc,
    busy,
  });
  const errS = workError('sheet');
  if (errS) sheet.append(errS);
  const compare = compareSection(state.report, { ...workflowUi, earlier: state.earlier, comparison: parts.comparison, busy });
  const errC = workError('compare');
  if (errC) compare.append(errC);
  workflowBox.replaceChildren(sheet, compare);
  workflowBox.hidden = false;
}

// ---- check one number ----------------------------------------------------------------------

function renderLookup() {
  if (state.lookupError) {
    checkOut.replaceChildren(el('p', { class: 'error', role: 'alert', 'data-testid': 'check-error' }, t('check.failed', { message: state.lookupError })));
  } else {
    checkOut.replaceChildren(...(state.lookup ? [checkResult(state.lookup)] : []));
  }
  fillFormatSelect(checkFormat, state.formats);
  formatsOut.replaceChildren(...(state.formats.length ? [formatsList(state.formats)] : []));
}

async function checkOne() {
  const value = checkInput.value;
  if (!value.trim()) {
    state.lookup = null;
    state.lookupError = null;
    renderLookup();
    return;
  }
  checkRun.disabled = true;
  try {
    state.lookup = await engine.check(value, checkFormat.value || null, settings.reference_date.value || null);
    state.lookupError = null;
  } catch (e) {
    state.lookup = null;
    state.lookupError = e instanceof Error ? e.message : String(e);
  } finally {
    checkRun.disabled = !state.ready;
    renderLookup();
  }
}

function showReport() {
  if (!state.report) return;
  reportBox.replaceChildren(...renderReport(state.report, ui));
  const banner = reportBox.querySelector('[data-testid="verdict"]');
  banner?.setAttribute('tabindex', '-1');
  showReportDoc();
  renderWorkflow();
}

// ---- clear, language -----------------------------------------------------------------------

function clearAll() {
  engine.cancel();
  resetChoices();
  useText();
  input.value = '';
  fileInput.value = '';
  for (const s of Object.values(settings)) s.value = '';
  state.report = null;
  state.reportBytes = null;
  state.earlier = null;
  state.lastDraw = null;
  state.lookup = null;
  state.lookupError = null;
  checkInput.value = '';
  checkFormat.value = '';
  reportBox.replaceChildren();
  renderWorkflow();
  renderLookup();
  revokeAll();
  progress.removeAttribute('value');
  progressText.textContent = '';
  setRunning(false);
  setStatus('status.cleared');
}

function applyLang(lang) {
  setLang(lang);
  langSelect.value = getLang();
  translateDom();
  if (state.status) status.textContent = t(state.status.key, state.status.params);
  if (state.file) {
    fileInfoText.textContent = t('file.preview', {
      size: formatBytes(Math.min(state.file.blob.size, PREVIEW_BYTES)),
      name: state.file.name,
    });
  }
  if (engine.version) $('version').textContent = t('footer.engine', { version: engine.version });
  if (state.report && !engine.busy) showReport();
  renderLookup();
}

// ---- wiring --------------------------------------------------------------------------------

input.addEventListener('input', () => {
  if (state.file) return; // read-only preview
  resetChoices();
  setStatus(null);
});
fileInput.addEventListener('change', () => loadFile(fileInput.files && fileInput.files[0]));
$('file-remove').addEventListener('click', () => {
  resetChoices();
  useText();
  input.value = '';
  fileInput.value = '';
  setStatus(null);
  input.focus();
});
demoButton.addEventListener('click', loadDemo);
runButton.addEventListener('click', () => run({ focus: true }));
cancelButton.addEventListener('click', () => engine.cancel());
clearButton.addEventListener('click', clearAll);
checkForm.addEventListener('submit', (e) => {
  e.preventDefault();
  checkOne();
});
langSelect.addEventListener('change', () => applyLang(langSelect.value));

dropzone.addEventListener('dragover', (e) => {
  if (!e.dataTransfer?.types?.includes('Files')) return;
  e.preventDefault();
  e.dataTransfer.dropEffect = 'copy';
  dropzone.classList.add('dragging');
});
dropzone.addEventListener('dragleave', (e) => {
  if (!dropzone.contains(e.relatedTarget)) dropzone.classList.remove('dragging');
});
dropzone.addEventListener('drop', (e) => {
  dropzone.classList.remove('dragging');
  const file = e.dataTransfer?.files?.[0];
  if (!file) return;
  e.preventDefault();
  loadFile(file);
});
// A file dropped anywhere else must not make the browser navigate to it.
window.addEventListener('dragover', (e) => e.preventDefault());
window.addEventListener('drop', (e) => e.preventDefault());

applyLang(detectLang());
setStatus('status.starting');
try {
  await engine.warmUp();
  state.ready = true;
  runButton.disabled = false;
  checkRun.disabled = false;
  $('version').textContent = t('footer.engine', { version: engine.version });
  if (state.status?.key === 'status.starting') setStatus(null);
  try {
    state.formats = await engine.formats();
    setRegistry(state.formats);
    renderLookup();
  } catch {
    // The page works without the list; the check box then offers "any format" only.
  }
  document.body.dataset.ready = 'true';
  // The demo sample through the engine once, in the background, and its report drawn into
  // nodes that are never shown: the first real run and its drawing then run on optimised code
  // like the next ones (the demo is the page's own file; nothing is fetched).
  performance.mark('veracity:warm-start');
  loadDemoBytes()
    .then((bytes) => engine.warm(bytes))
    .then((report) => {
      if (report) renderReport(report, {});
      performance.measure('veracity:warm', 'veracity:warm-start');
    })
    .catch(() => {});
} catch (e) {
  setStatus(null);
  showError(e?.code === 'no-simd' ? 'error.simd' : 'error.engine', e);
}
