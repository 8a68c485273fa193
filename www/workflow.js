// The reporter's workflow on a report: "Verify by phone" (a reproducible call sheet drawn by
// the engine, exported as a CSV worksheet or inside the printable evidence report) and
// "Compare with an earlier file" (the overlap on ID, phone and name + birth date, duplicate
// clusters, masked examples). Both run in the engine's worker; the earlier file is read into
// this page's memory only and goes nowhere else. Values reach the DOM through textContent.

import { t, label, formatNumber, formatPercent, formatBytes } from './i18n.js';
import { el, localText } from './render.js';

/** Column kinds the call sheet can show (the engine's contact fields). */
const CONTACT_KINDS = new Set(['person_name', 'cn_mobile', 'cn_landline', 'address', 'cn_ric', 'birth_date', 'sex', 'age', 'email']);
/** The most rows a sheet may ask for in the page. */
export const MAX_SHEET_ROWS = 1000;
const MAX_SEED = 2n ** 64n;

/** A fresh seed from the browser's secure generator, as a decimal string. */
export function freshSeed() {
  return crypto.getRandomValues(new BigUint64Array(1))[0].toString();
}

/** Whether `s` is a seed the engine takes (a whole number below 2^64). */
export function validSeed(s) {
  return /^\d{1,20}$/.test(s) && BigInt(s) < MAX_SEED;
}

function field(id, labelText, control, help) {
  return el(
    'div',
    { class: 'field' },
    el('label', { for: id }, labelText),
    control,
    help ? el('p', { class: 'help', id: `${id}-help` }, help) : null,
  );
}

/**
 * The "Verify by phone" section for `report`. `ctx`: {sheet (the last draw or null), onDraw({n,
 * seed, only_valid, stratify, reveal}), onCsv(), onHtml(), busy}.
 */
export function callSheetSection(report, ctx) {
  const s = ctx.sheet;
  const last = ctx.lastDraw || {};
  const n = el('input', { type: 'number', id: 'sheet-n', 'data-testid': 'sheet-n', min: '1', max: String(MAX_SHEET_ROWS), step: '1', inputmode: 'numeric' });
  n.value = String(last.n ?? 20);
  const seed = el('input', {
    type: 'text',
    id: 'sheet-seed',
    'data-testid': 'sheet-seed',
    inputmode: 'numeric',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': 'sheet-seed-help',
    placeholder: t('sheet.seed.placeholder'),
  });
  seed.value = last.seedGiven ?? '';
  const only = el('input', { type: 'checkbox', id: 'sheet-only-valid', 'data-testid': 'sheet-only-valid' });
  only.checked = Boolean(last.only_valid);
  const strat = el('select', { id: 'sheet-stratify', 'data-testid': 'sheet-stratify' });
  for (const v of ['none', 'region', 'status']) {
    const o = el('option', { value: v }, t(`sheet.stratify.${v}`));
    if (v === (last.stratify || 'none')) o.selected = true;
    strat.append(o);
  }
  const reveal = el('fieldset', { class: 'reveal', 'data-testid': 'sheet-reveal' }, el('legend', {}, t('sheet.reveal')));
  const contact = report.columns.filter((c) => CONTACT_KINDS.has(c.kind)).slice(0, 60);
  for (const c of contact) {
    const id = `sheet-reveal-${c.index}`;
    const box = el('input', { type: 'checkbox', id, value: c.header, 'data-testid': 'sheet-reveal-column', 'data-column': c.header });
    box.checked = Boolean(last.reveal?.includes(c.header));
    reveal.append(el('span', { class: 'toggle' }, box, el('label', { for: id }, `${c.header} (${label('kind', c.kind)})`)));
  }
  if (!contact.length) reveal.append(el('p', { class: 'muted small' }, t('sheet.no_contact')));
  reveal.append(el('p', { class: 'help' }, t('sheet.reveal.help')));

  const error = el('p', { class: 'error', role: 'alert', 'data-testid': 'sheet-invalid', hidden: true });
  const draw = el('button', { type: 'button', class: 'primary', 'data-testid': 'sheet-draw' }, t('sheet.draw'));
  draw.disabled = Boolean(ctx.busy);
  draw.addEventListener('click', () => {
    const seedText = seed.value.trim();
    const count = Number(n.value);
    error.hidden = true;
    if (!Number.isInteger(count) || count < 1 || count > MAX_SHEET_ROWS) {
      error.textContent = t('sheet.bad_n', { max: formatNumber(MAX_SHEET_ROWS) });
      error.hidden = false;
      n.focus();
      return;
    }
    if (seedText && !validSeed(seedText)) {
      error.textContent = t('sheet.bad_seed');
      error.hidden = false;
      seed.focus();
      return;
    }
    ctx.onDraw({
      n: count,
      seedGiven: seedText,
      seed: seedText || freshSeed(),
      only_valid: only.checked,
      stratify: strat.value,
      reveal: [...reveal.querySelectorAll('input:checked')].map((b) => b.value),
    });
  });

  const section = el(
    'section',
    { class: 'workflow callsheet', 'aria-labelledby': 'sheet-title', 'data-testid': 'callsheet' },
    el('h2', { id: 'sheet-title' }, t('sheet.title')),
    el('p', { class: 'help' }, t('sheet.help')),
    el(
      'div',
      { class: 'settings-grid' },
      field('sheet-n', t('sheet.n'), n),
      field('sheet-seed', t('sheet.seed'), seed, t('sheet.seed.help')),
      field('sheet-stratify', t('sheet.stratify'), strat),
      el('div', { class: 'field' }, el('span', { class: 'toggle' }, only, el('label', { for: 'sheet-only-valid' }, t('sheet.only_valid')))),
    ),
    reveal,
    el('div', { class: 'actions' }, draw),
    error,
  );
  if (s) section.append(sheetResult(s, ctx));
  return section;
}

function sheetResult(s, ctx) {
  const box = el('div', { class: 'sheet-result', 'data-testid': 'sheet-result' });
  box.append(
    el(
      'p',
      { 'data-testid': 'sheet-summary' },
      t('sheet.drawn', { drawn: formatNumber(s.rows.length), population: formatNumber(s.population) }),
      ' ',
      t('sheet.seed.used'),
      ' ',
      el('code', { class: 'seed', 'data-testid': 'sheet-seed-used' }, s.seed),
      ' ',
      el('span', { class: 'muted small' }, t('sheet.seed.cite')),
    ),
  );
  if (s.stratify !== 'none' && s.strata.length) {
    box.append(
      el(
        'div',
        { class: 'table-scroll' },
        el(
          'table',
          { 'data-testid': 'sheet-strata' },
          el('caption', {}, t('sheet.strata')),
          el('thead', {}, el('tr', {}, ...[t('sheet.stratum'), t('sheet.population'), t('sheet.quota'), t('sheet.drawn_n')].map((h) => el('th', { scope: 'col' }, h)))),
          el(
            'tbody',
            {},
            ...s.strata.map((x) =>
              el(
                'tr',
                {},
                el('td', {}, stratumName(x.name)),
                el('td', { class: 'num' }, formatNumber(x.population)),
                el('td', { class: 'num' }, formatNumber(x.quota)),
                el('td', { class: 'num' }, formatNumber(x.drawn)),
              ),
            ),
          ),
        ),
      ),
    );
  }
  const head = [t('flags.row'), ...(s.stratify !== 'none' ? [t('sheet.stratum')] : []), t('sheet.flagged'), ...s.columns];
  box.append(
    el(
      'div',
      { class: 'table-scroll' },
      el(
        'table',
        { 'data-testid': 'sheet-table' },
        el('caption', {}, t('sheet.table', { revealed: s.revealed.length ? s.revealed.join(', ') : t('sheet.revealed.none') })),
        el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h)))),
        el(
          'tbody',
          {},
          ...s.rows.map((r) =>
            el(
              'tr',
              { 'data-row': String(r.row) },
              el('td', { class: 'num' }, String(r.row)),
              s.stratify !== 'none' ? el('td', {}, stratumName(r.stratum)) : null,
              el('td', {}, r.flagged ? t('yes') : t('no')),
              ...r.values.map((v) => el('td', { class: 'value' }, v)),
            ),
          ),
        ),
      ),
    ),
  );
  const csv = el('button', { type: 'button', 'data-testid': 'sheet-csv' }, t('sheet.csv'));
  const html = el('button', { type: 'button', 'data-testid': 'sheet-html' }, t('sheet.html'));
  csv.addEventListener('click', () => ctx.onCsv());
  html.addEventListener('click', () => ctx.onHtml());
  box.append(el('div', { class: 'exports' }, csv, html, el('span', { class: 'muted small' }, t('sheet.export.note'))));
  box.append(evidenceLine(ctx.sheetDoc, 'sheet-html-sha256'));
  return box;
}

function stratumName(name) {
  if (name === 'flagged' || name === 'clean' || name === 'unknown' || name === 'all') return t(`sheet.stratum.${name}`);
  return name;
}

/** "Saved NAME; its SHA-256 is …" after an evidence report was exported. */
export function evidenceLine(doc, testid) {
  const line = el('p', { class: 'small evidence-hash', 'data-testid': `${testid}-line`, hidden: !doc });
  if (doc) {
    line.append(t('evidence.saved', { name: doc.name }), ' ', el('code', { class: 'hash', 'data-testid': testid }, doc.sha256));
  }
  return line;
}

/**
 * The "Compare with an earlier file" section. `ctx`: {earlier ({name, bytes} or null),
 * comparison, onPick(file), onCompare(), onRemove(), busy}.
 */
export function compareSection(report, ctx) {
  const picker = el('input', { type: 'file', id: 'compare-file', 'data-testid': 'compare-file', 'aria-describedby': 'compare-help' });
  picker.addEventListener('change', () => ctx.onPick(picker.files && picker.files[0]));
  const run = el('button', { type: 'button', class: 'primary', 'data-testid': 'compare-run' }, t('compare.run'));
  run.disabled = !ctx.earlier || Boolean(ctx.busy);
  run.addEventListener('click', () => ctx.onCompare());
  const section = el(
    'section',
    { class: 'workflow compare', 'aria-labelledby': 'compare-title', 'data-testid': 'compare' },
    el('h2', { id: 'compare-title' }, t('compare.title')),
    el('p', { class: 'help', id: 'compare-help' }, t('compare.help')),
    el('div', { class: 'controls' }, el('span', { class: 'file-picker' }, el('label', { for: 'compare-file' }, t('compare.pick')), picker)),
  );
  if (ctx.earlier) {
    const remove = el('button', { type: 'button', 'data-testid': 'compare-remove' }, t('compare.remove'));
    remove.addEventListener('click', () => ctx.onRemove());
    section.append(
      el(
        'p',
        { class: 'file-info', 'data-testid': 'compare-earlier' },
        t('compare.earlier', { name: ctx.earlier.name, size: formatBytes(ctx.earlier.bytes.length) }),
        ' ',
        remove,
      ),
    );
  }
  section.append(el('div', { class: 'actions' }, run));
  if (ctx.comparison) section.append(comparisonResult(ctx.comparison));
  return section;
}

function rateCell(rows, rate) {
  return `${formatNumber(rows)} (${formatPercent(rate)})`;
}

function comparisonResult(c) {
  const box = el('div', { class: 'compare-result', 'data-testid': 'compare-result' });
  box.append(el('p', { class: 'compare-summary', 'data-testid': 'compare-summary' }, localText(c.summary)));
  const keyName = (k) => t(`compare.key.${k}`);
  box.append(
    el(
      'div',
      { class: 'table-scroll' },
      el(
        'table',
        { 'data-testid': 'compare-table' },
        el('caption', {}, t('compare.overlap')),
        el(
          'thead',
          {},
          el('tr', {}, ...[t('compare.key'), t('compare.shared'), t('compare.a_matched'), t('compare.b_matched')].map((h) => el('th', { scope: 'col' }, h))),
        ),
        el(
          'tbody',
          {},
          ...c.overlap.map((o) =>
            el(
              'tr',
              { 'data-key': o.key },
              el('td', {}, keyName(o.key)),
              el('td', { class: 'num', 'data-testid': 'compare-shared' }, formatNumber(o.shared)),
              el('td', { class: 'num' }, rateCell(o.a_rows_matched, o.a_rate)),
              el('td', { class: 'num' }, rateCell(o.b_rows_matched, o.b_rate)),
            ),
          ),
        ),
      ),
    ),
  );
  const dupRows = [];
  for (const [which, f] of [
    ['a', c.a],
    ['b', c.b],
  ]) {
    for (const k of f.keys || []) {
      if (!k.key) continue;
      dupRows.push(
        el(
          'tr',
          { 'data-file': which, 'data-key': k.key },
          el('td', {}, t(`compare.file.${which}`)),
          el('td', {}, keyName(k.key)),
          el('td', { class: 'num' }, formatNumber(k.rows_with_key)),
          el('td', { class: 'num' }, formatNumber(k.distinct)),
          el('td', { class: 'num' }, formatNumber(k.duplicate_keys)),
          el('td', { class: 'num' }, formatNumber(k.rows_in_duplicates)),
          el('td', { class: 'num' }, formatNumber(k.largest_cluster)),
        ),
      );
    }
  }
  box.append(
    el(
      'div',
      { class: 'table-scroll' },
      el(
        'table',
        { 'data-testid': 'compare-duplicates' },
        el('caption', {}, t('compare.duplicates')),
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            ...[t('compare.file'), t('compare.key'), t('compare.rows_with_key'), t('compare.distinct'), t('compare.dup_keys'), t('compare.rows_in_dups'), t('compare.largest')].map((h) =>
              el('th', { scope: 'col' }, h),
            ),
          ),
        ),
        el('tbody', {}, ...dupRows),
      ),
    ),
  );
  if (c.examples.length) {
    box.append(
      el(
        'div',
        { class: 'table-scroll' },
        el(
          'table',
          { 'data-testid': 'compare-examples' },
          el('caption', {}, t('compare.examples')),
          el('thead', {}, el('tr', {}, ...[t('compare.key'), t('compare.a_row'), t('compare.b_row'), t('flags.value')].map((h) => el('th', { scope: 'col' }, h)))),
          el(
            'tbody',
            {},
            ...c.examples.map((x) =>
              el('tr', {}, el('td', {}, keyName(x.key)), el('td', { class: 'num' }, String(x.a_row)), el('td', { class: 'num' }, String(x.b_row)), el('td', { class: 'value' }, x.value)),
            ),
          ),
        ),
      ),
    );
  }
  box.append(
    el(
      'p',
      { class: 'muted small' },
      t('compare.files', {
        a: c.a.sha256.slice(0, 16),
        arows: formatNumber(c.a.rows),
        b: c.b.sha256.slice(0, 16),
        brows: formatNumber(c.b.rows),
      }),
    ),
  );
  return box;
}

