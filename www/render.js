// Report → DOM. Every value that comes from the input (headers, flagged values, anything in
// the report) enters the page through textContent or attribute values, never as markup.

import { t, label, hasLabel, getLang, formatNumber, formatPercent, formatBytes } from './i18n.js';
import { birthYearChart, checkDigitChart, sexChart, regionChart, stackBar } from './charts.js';
import { flagTable, suspiciousTable } from './table.js';

/** The kinds a column can be set to (the engine's core kinds; registry formats are added when seen). */
export const CORE_KINDS = [
  'cn_ric',
  'cn_mobile',
  'cn_landline',
  'birth_date',
  'date',
  'sex',
  'age',
  'person_name',
  'address',
  'email',
  'text',
  'unknown',
];

/** The engine's registry of formats ({id, name, kind…}), once known (see setRegistry). */
let registry = [];

/** Lets the column kind selector offer every format of the engine's registry. */
export function setRegistry(formats) {
  registry = Array.isArray(formats) ? formats : [];
}

/** Column cards and overview rows drawn at most (a file with 100,000 columns must not freeze
 * the page); the JSON export and the evidence report carry every column. */
export const MAX_COLUMN_CARDS = 60;
export const MAX_OVERVIEW_ROWS = 500;

/** Cap on flagged rows when the reader asks for all of them (counts are never capped). */
export const ALL_FLAGS_CAP = 100_000;

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

/** A {en, zh} text in the page's language. */
export function localText(text) {
  if (!text) return '';
  if (typeof text === 'string') return text;
  return (getLang() === 'zh-CN' ? text.zh : text.en) || text.en || text.zh || '';
}

/** Columns whose values the engine checks (not free text, not unknown). */
function checkedColumns(report) {
  return report.columns.filter((c) => c.kind !== 'text' && c.kind !== 'unknown' && c.valid + c.invalid > 0);
}

/**
 * What the banner says: the assessment's verdict when the report has one, else a summary of
 * validity (level `unassessed`).
 */
export function verdictInfo(report) {
  const a = report.assessment;
  const level = a?.verdict?.level;
  if (level) {
    const byId = new Map((a.signals || []).map((s) => [s.id, s]));
    const evidence = (a.verdict.evidence || [])
      .map((id) => byId.get(id) || { id })
      .map((s) => ({
        id: s.id,
        title: label('signal', s.id),
        text: localText(s.finding),
        level: s.direction ? t(`direction.${s.direction}`) : '',
      }));
    return {
      assessed: true,
      level,
      title: t(`level.${level}`) === `level.${level}` ? level : t(`level.${level}`),
      text: localText(a.verdict.summary),
      signals: evidence,
    };
  }
  const cols = checkedColumns(report);
  let valid = 0;
  let invalid = 0;
  for (const c of cols) {
    valid += c.valid;
    invalid += c.invalid;
  }
  const checked = valid + invalid;
  return {
    assessed: false,
    level: 'unassessed',
    title: t('verdict.unassessed'),
    text: checked
      ? t('verdict.summary', {
          valid: formatNumber(valid),
          checked: formatNumber(checked),
          share: formatPercent(valid / checked),
          invalid: formatNumber(invalid),
          columns: formatNumber(cols.length),
        })
      : t('verdict.nothing'),
    signals: [],
    share: checked ? valid / checked : null,
  };
}

function verdictBanner(report) {
  const v = verdictInfo(report);
  const banner = el(
    'section',
    { class: 'verdict', 'data-testid': 'verdict', 'data-level': v.level, 'aria-labelledby': 'verdict-title' },
    el('p', { class: 'verdict-kicker' }, v.assessed ? t('verdict.title') : t('report.title')),
    el('h2', { id: 'verdict-title' }, v.title),
    v.text ? el('p', { class: 'verdict-text' }, v.text) : null,
  );
  if (!v.assessed && v.share !== null && v.share !== undefined) {
    banner.append(stackBar([{ value: v.share, cls: 'bar' }, { value: 1 - v.share, cls: 'bar-bad' }], v.text));
  }
  if (v.signals.length) {
    banner.append(
      el('h3', {}, t('verdict.evidence')),
      el('ul', { class: 'evidence' }, ...v.signals.map((s) => el('li', {}, el('strong', {}, s.title), s.text ? `: ${s.text}` : ''))),
    );
  }
  banner.append(el('p', { class: 'caveat' }, t('verdict.caveat')));
  return banner;
}

function inputSummary(report) {
  const inp = report.input;
  const dl = el('dl', { class: 'summary', 'data-testid': 'summary' });
  const facts = [
    [t('input.rows'), formatNumber(inp.rows)],
    [t('input.columns'), formatNumber(inp.columns)],
    [
      t('input.format'),
      label('format', inp.format) + (inp.delimiter ? ` (${t('input.delimiter', { d: JSON.stringify(inp.delimiter) })})` : ''),
    ],
    [t('input.encoding'), inp.encoding],
    [t('input.header'), inp.has_header ? t('yes') : t('no')],
    [t('input.size'), `${formatBytes(inp.bytes)} (${formatNumber(inp.bytes)} B)`],
    [t('input.sha256'), inp.sha256],
  ];
  if (report.settings?.reference_date) facts.push([t('input.reference_date'), report.settings.reference_date]);
  if (inp.malformed_bytes) facts.push([t('input.malformed'), formatNumber(inp.malformed_bytes)]);
  if (inp.ragged_rows) facts.push([t('input.ragged'), formatNumber(inp.ragged_rows)]);
  if (inp.unparseable_rows) facts.push([t('input.unparseable'), formatNumber(inp.unparseable_rows)]);
  // A streamed file's keys (an SQL dump's columns) first seen after the records its columns
  // came from.
  const late = inp.late_keys;
  if (late?.records) {
    const keys = Object.entries(late.keys || {}).map(([k, n]) => `${JSON.stringify(k)} ×${formatNumber(n)}`);
    if (late.more) keys.push('…');
    const label = inp.format === 'sql' ? 'input.late_columns' : 'input.late_keys';
    facts.push([t(label), t('input.late_keys.value', { records: formatNumber(late.records), keys: keys.join(', ') })]);
  }
  const norms = Object.entries(inp.normalizations || {});
  if (norms.length) {
    facts.push([t('input.normalizations'), norms.map(([k, n]) => `${label('normalization', k)} ×${formatNumber(n)}`).join(', ')]);
  }
  for (const [k, v] of facts) {
    dl.append(el('dt', {}, k), el('dd', { class: k === t('input.sha256') ? 'hash' : undefined }, v));
  }
  return dl;
}

function sortedEntries(counts) {
  return Object.entries(counts || {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function columnsOverview(report) {
  const head = [
    t('col.index'),
    t('col.header'),
    t('col.kind'),
    t('col.confidence'),
    t('col.valid'),
    t('col.invalid'),
    t('col.empty'),
    t('col.reasons'),
  ];
  const rows = report.columns.slice(0, MAX_OVERVIEW_ROWS).map((c) =>
    el(
      'tr',
      {},
      el('td', { class: 'num' }, String(c.index + 1)),
      el('td', {}, c.header),
      el('td', {}, el('code', {}, c.kind)),
      el('td', { class: 'num' }, formatPercent(c.confidence, 0)),
      el('td', { class: 'num' }, formatNumber(c.valid)),
      el('td', { class: 'num' }, formatNumber(c.invalid)),
      el('td', { class: 'num' }, formatNumber(c.empty)),
      el(
        'td',
        {},
        sortedEntries(c.invalid_reasons)
          .slice(0, 3)
          .map(([k, n]) => `${label('reason', k)} ×${formatNumber(n)}`)
          .join(', '),
      ),
    ),
  );
  return el(
    'div',
    { class: 'table-scroll columns-overview' },
    el(
      'table',
      { 'data-testid': 'columns' },
      el('caption', {}, t('columns.overview')),
      el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, ...rows),
    ),
  );
}

function countList(group, counts, testid) {
  return el(
    'ul',
    { class: 'counts', 'data-testid': testid },
    ...sortedEntries(counts).map(([k, n]) =>
      el(
        'li',
        { title: k },
        el('span', {}, label(group, k)),
        el('span', { class: 'count' }, formatNumber(n)),
      ),
    ),
  );
}

function kindSelect(column, kinds, ui) {
  const id = `kind-${column.index}`;
  const select = el('select', { id, 'data-testid': 'kind-select', 'data-column': String(column.index) });
  const overridden = column.kind_source === 'override';
  select.append(el('option', { value: '' }, t('card.auto')));
  const names = new Map(registry.map((f) => [f.kind, f.name]));
  const option = (k) => {
    const text = hasLabel('kind', k) || !names.has(k) ? `${label('kind', k)} (${k})` : `${names.get(k)} (${k})`;
    const o = el('option', { value: k }, text);
    if (overridden && k === column.kind) o.selected = true;
    return o;
  };
  const core = kinds.filter((k) => CORE_KINDS.includes(k));
  const others = kinds.filter((k) => !CORE_KINDS.includes(k));
  if (others.length) {
    select.append(
      el('optgroup', { label: t('card.kinds.core') }, ...core.map(option)),
      el('optgroup', { label: t('card.kinds.registry') }, ...others.map(option)),
    );
  } else {
    select.append(...core.map(option));
  }
  select.addEventListener('change', () => ui.onKind?.(column.index, select.value));
  return el('div', { class: 'kind-control' }, el('label', { for: id }, t('card.change')), select);
}

function columnCard(c, kinds, ui) {
  const card = el(
    'article',
    { class: 'card', 'data-testid': 'column-card', 'data-column': String(c.index), 'data-kind': c.kind },
    el('h3', {}, el('span', { class: 'col-header' }, c.header), el('span', { class: 'col-index' }, t('card.column', { n: c.index + 1 }))),
    el(
      'p',
      { class: 'kind' },
      el('span', { class: 'kind-label', 'data-testid': 'kind' }, label('kind', c.kind)),
      ' ',
      el('code', {}, c.kind),
    ),
    el(
      'p',
      { class: 'muted' },
      t('card.confidence', { pct: formatPercent(c.confidence, 0), source: label('source', c.kind_source) }),
    ),
    kindSelect(c, kinds, ui),
  );
  const counts = t('card.counts', {
    values: formatNumber(c.values),
    valid: formatNumber(c.valid),
    invalid: formatNumber(c.invalid),
    empty: formatNumber(c.empty),
  });
  const total = c.values + c.empty;
  if (total > 0) {
    card.append(
      stackBar(
        [
          { value: c.valid / total, cls: 'bar' },
          { value: c.invalid / total, cls: 'bar-bad' },
          { value: c.empty / total, cls: 'bar-empty' },
        ],
        counts,
      ),
    );
  }
  card.append(el('p', { class: 'counts-line' }, counts));
  if (c.invalid > 0 || Object.keys(c.invalid_reasons || {}).length) {
    card.append(el('h4', {}, t('card.reasons')), countList('reason', c.invalid_reasons, 'reasons'));
  }
  if (Object.keys(c.notes || {}).length) {
    card.append(el('h4', {}, t('card.notes')), countList('note', c.notes, 'notes'));
  }
  if (Object.keys(c.codings || {}).length) {
    card.append(
      el('h4', {}, t('card.codings')),
      el(
        'p',
        { class: 'codings' },
        sortedEntries(c.codings)
          .map(([k, n]) => `${label('coding', k)} ×${formatNumber(n)}`)
          .join(' · '),
      ),
    );
  }
  return card;
}

function crossChecks(report) {
  if (!report.cross_checks?.length) return el('p', { class: 'muted' }, t('cross.none'));
  const head = [t('cross.check'), t('cross.columns'), t('cross.checked'), t('cross.disagree'), t('cross.share')];
  const rows = report.cross_checks.map((x) =>
    el(
      'tr',
      { class: x.disagree ? 'has-disagree' : undefined },
      el('td', {}, label('cross', x.id), x.flags_rows ? null : el('div', { class: 'muted small' }, t('cross.informative'))),
      el('td', { 'data-label': head[1] }, x.columns.join(' ↔ ')),
      el('td', { class: 'num', 'data-label': head[2] }, formatNumber(x.checked)),
      el('td', { class: 'num', 'data-label': head[3] }, formatNumber(x.disagree)),
      el('td', { class: 'num', 'data-label': head[4] }, x.checked ? formatPercent(x.disagree / x.checked) : '–'),
    ),
  );
  return el(
    'div',
    { class: 'table-scroll' },
    el(
      'table',
      { 'data-testid': 'cross-checks', class: 'stack' },
      el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, ...rows),
    ),
  );
}

function charts(report) {
  const s = report.stats || {};
  const idColumns = report.columns.filter((c) => c.kind === 'cn_ric' || !CORE_KINDS.includes(c.kind));
  const figures = [
    birthYearChart(s.birth_years),
    checkDigitChart(idColumns),
    sexChart(s.male || 0, s.female || 0),
    regionChart(s.provinces),
  ].filter(Boolean);
  const section = el('section', { class: 'charts', 'aria-labelledby': 'charts-title' }, el('h2', { id: 'charts-title' }, t('charts.title')));
  if (!figures.length) {
    section.append(el('p', { class: 'muted' }, t('charts.none')));
    return section;
  }
  if (s.source === 'id' || s.source === 'columns') section.append(el('p', { class: 'muted' }, t(`charts.source.${s.source}`)));
  section.append(el('div', { class: 'chart-grid' }, ...figures));
  return section;
}

function fmtStat(v) {
  if (v === null || v === undefined) return '';
  if (Math.abs(v) < 1 && v !== 0) return formatNumber(Math.round(v * 10000) / 10000);
  return formatNumber(Math.round(v * 100) / 100);
}

function signals(report) {
  const list = report.assessment?.signals;
  if (!list?.length) return null;
  const items = list.map((s) => {
    const meta = [];
    if (s.tested === false) meta.push(t('signals.untested'));
    else {
      if (s.direction) meta.push(t(`direction.${s.direction}`));
      if (s.strength) meta.push(t(`strength.${s.strength}`));
      if (s.n) meta.push(t('signals.n', { n: formatNumber(s.n) }));
      if (s.expected !== null && s.expected !== undefined) meta.push(t('signals.expected', { v: fmtStat(s.expected) }));
    }
    return el(
      'li',
      {
        class: 'signal',
        'data-testid': 'signal',
        'data-signal': s.id,
        'data-direction': s.tested === false ? 'untested' : s.direction || 'neutral',
      },
      el('div', { class: 'signal-head' }, el('strong', {}, label('signal', s.id)), el('span', { class: 'signal-meta' }, meta.join(' · '))),
      localText(s.finding) ? el('p', {}, localText(s.finding)) : null,
      localText(s.explanation)
        ? el('details', {}, el('summary', {}, t('signals.more')), el('p', {}, localText(s.explanation)))
        : null,
    );
  });
  return el(
    'section',
    { class: 'signals', 'aria-labelledby': 'signals-title' },
    el('h2', { id: 'signals-title' }, t('signals.title')),
    el('ul', { class: 'signal-list' }, ...items),
  );
}

function suspicious(report) {
  const s = report.assessment?.suspicious_rows;
  if (!s || !s.fitted) return null;
  const section = el(
    'section',
    { class: 'suspicious', 'aria-labelledby': 'suspicious-title' },
    el('h2', { id: 'suspicious-title' }, t('suspicious.title')),
  );
  if (!s.count) {
    section.append(el('p', { class: 'muted' }, t('suspicious.none')));
    return section;
  }
  section.append(
    el(
      'p',
      {},
      t('suspicious.summary', { count: formatNumber(s.count), scored: formatNumber(s.scored), share: formatPercent(s.share) }),
    ),
  );
  if (s.profile?.length) section.append(el('ul', {}, ...s.profile.map((p) => el('li', {}, localText(p)))));
  if (s.rows?.length) section.append(suspiciousTable(s.rows));
  return section;
}

function flagged(report, ui) {
  const section = el(
    'section',
    { class: 'flags', 'aria-labelledby': 'flags-title' },
    el('h2', { id: 'flags-title' }, t('flags.title')),
  );
  const toggleId = 'show-values';
  const toggle = el('input', { type: 'checkbox', id: toggleId, 'data-testid': 'show-values', 'aria-describedby': 'show-values-help' });
  toggle.checked = Boolean(report.settings?.show_values);
  toggle.addEventListener('change', () => ui.onShowValues?.(toggle.checked));
  section.append(
    el(
      'div',
      { class: 'flag-controls' },
      el('span', { class: 'toggle' }, toggle, el('label', { for: toggleId }, t('flags.show_values'))),
      el('span', { id: 'show-values-help', class: 'muted small' }, t('flags.show_values.help')),
    ),
  );
  if (!report.flagged_total) {
    section.append(el('p', { class: 'muted', 'data-testid': 'flags-none' }, t('flags.none')));
    return section;
  }
  const listed = report.flagged_rows.length;
  const line = el(
    'p',
    { 'data-testid': 'flags-count' },
    t('flags.count', { total: formatNumber(report.flagged_total), listed: formatNumber(listed) }),
  );
  if (listed < report.flagged_total && listed < ALL_FLAGS_CAP) {
    const capped = report.flagged_total > ALL_FLAGS_CAP;
    const button = el(
      'button',
      { type: 'button', 'data-testid': 'flags-all' },
      capped ? t('flags.all_capped', { n: formatNumber(ALL_FLAGS_CAP) }) : t('flags.all'),
    );
    button.addEventListener('click', () => ui.onAllFlags?.());
    line.append(' ', button);
  }
  section.append(line, flagTable(report.flagged_rows));
  return section;
}

/** The report's nodes (to put into the report container). `ui` carries the callbacks. */
export function renderReport(report, ui = {}) {
  const kinds = [...CORE_KINDS];
  for (const f of registry) if (!kinds.includes(f.kind)) kinds.push(f.kind);
  for (const c of report.columns) if (!kinds.includes(c.kind)) kinds.push(c.kind);

  const exportJson = el('button', { type: 'button', 'data-testid': 'export-json' }, t('export.json'));
  const exportReport = el('button', { type: 'button', 'data-testid': 'export-report' }, t('export.report'));
  exportJson.addEventListener('click', () => ui.onExportJson?.());
  exportReport.addEventListener('click', () => ui.onExportReport?.());

  const parts = [
    verdictBanner(report),
    el('div', { class: 'exports', 'data-testid': 'exports' }, exportJson, exportReport, el('span', { class: 'muted small' }, t('export.note'))),
    el('section', { 'aria-labelledby': 'input-title' }, el('h2', { id: 'input-title' }, t('input.title')), inputSummary(report)),
    el(
      'section',
      { 'aria-labelledby': 'columns-title' },
      el('h2', { id: 'columns-title' }, t('columns.title')),
      el('div', { class: 'cards' }, ...report.columns.slice(0, MAX_COLUMN_CARDS).map((c) => columnCard(c, kinds, ui))),
      report.columns.length > MAX_COLUMN_CARDS
        ? el(
            'p',
            { class: 'muted', 'data-testid': 'columns-capped' },
            t('columns.capped', {
              cards: formatNumber(MAX_COLUMN_CARDS),
              rows: formatNumber(Math.min(MAX_OVERVIEW_ROWS, report.columns.length)),
              total: formatNumber(report.columns.length),
            }),
          )
        : null,
      columnsOverview(report),
    ),
    el('section', { 'aria-labelledby': 'cross-title' }, el('h2', { id: 'cross-title' }, t('cross.title')), crossChecks(report)),
    signals(report),
    charts(report),
    suspicious(report),
    flagged(report, ui),
    el(
      'p',
      { class: 'muted small report-footer' },
      t('footer.version', { version: `${report.tool?.version ?? ''}`, schema: report.schema_version }),
    ),
  ];
  return parts.filter(Boolean);
}
