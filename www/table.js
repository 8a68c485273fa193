// Paged tables: only one page of rows is ever in the DOM, so a report with 100,000 flagged
// rows renders as fast as one with ten. Cell text goes in with textContent only.

import { t, label, formatNumber, formatPercent } from './i18n.js';

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : String(c ?? ''));
  return node;
}

const PAGE_SIZES = [25, 50, 100, 250];

/**
 * A paged table of `rows`. `columns` is [{title, cell(row) → string, class?}], `testid` names
 * the <table> for tests.
 */
export function pagedTable(rows, columns, testid) {
  let size = 50;
  let page = 0;
  const pages = () => Math.max(1, Math.ceil(rows.length / size));

  const tbody = el('tbody');
  const table = el(
    'table',
    { 'data-testid': testid, class: 'paged' },
    el('thead', {}, el('tr', {}, ...columns.map((c) => el('th', { scope: 'col', class: c.class || '' }, c.title)))),
    tbody,
  );

  const indicator = el('span', { class: 'pager-status', 'data-testid': `${testid}-page`, 'aria-live': 'polite' });
  const button = (key) => el('button', { type: 'button', 'data-testid': `${testid}-${key}` }, t(`flags.${key}`));
  const first = button('first');
  const prev = button('prev');
  const next = button('next');
  const last = button('last');
  const sizeSelect = el('select', { 'data-testid': `${testid}-page-size` });
  for (const s of PAGE_SIZES) {
    const o = el('option', { value: String(s) }, String(s));
    if (s === size) o.selected = true;
    sizeSelect.append(o);
  }
  const sizeLabel = el('label', { class: 'page-size' }, `${t('flags.page_size')} `, sizeSelect);

  function draw() {
    page = Math.min(Math.max(page, 0), pages() - 1);
    const start = page * size;
    const end = Math.min(rows.length, start + size);
    const trs = [];
    for (let i = start; i < end; i++) {
      const r = rows[i];
      trs.push(el('tr', {}, ...columns.map((c) => el('td', { class: c.class || '' }, c.cell(r)))));
    }
    tbody.replaceChildren(...trs);
    indicator.textContent = `${t('flags.page', { page: formatNumber(page + 1), pages: formatNumber(pages()) })} · ${formatNumber(start + 1)}–${formatNumber(end)} / ${formatNumber(rows.length)}`;
    first.disabled = prev.disabled = page === 0;
    next.disabled = last.disabled = page >= pages() - 1;
  }

  const go = (f) => () => {
    page = f();
    draw();
  };
  first.addEventListener('click', go(() => 0));
  prev.addEventListener('click', go(() => page - 1));
  next.addEventListener('click', go(() => page + 1));
  last.addEventListener('click', go(() => pages() - 1));
  sizeSelect.addEventListener('change', () => {
    const firstShown = page * size;
    size = Number(sizeSelect.value);
    page = Math.floor(firstShown / size);
    draw();
  });

  draw();
  const parts = [el('div', { class: 'table-scroll' }, table)];
  if (rows.length > PAGE_SIZES[0]) {
    parts.push(el('nav', { class: 'pager', 'aria-label': t('flags.pager') }, first, prev, indicator, next, last, sizeLabel));
  }
  return el('div', { class: 'paged-table' }, ...parts);
}

/** The flagged rows ({row, column, reason, value}[]). */
export function flagTable(flags) {
  return pagedTable(
    flags,
    [
      { title: t('flags.row'), cell: (f) => formatNumber(f.row), class: 'num' },
      { title: t('flags.column'), cell: (f) => f.column || t('flags.record') },
      { title: t('flags.reason'), cell: (f) => label('reason', f.reason) },
      { title: t('flags.value'), cell: (f) => f.value, class: 'value' },
    ],
    'flagged',
  );
}

/** The assessment's suspicious rows ({row, score, value}[]). */
export function suspiciousTable(rows) {
  return pagedTable(
    rows,
    [
      { title: t('flags.row'), cell: (r) => formatNumber(r.row), class: 'num' },
      { title: t('suspicious.score'), cell: (r) => formatPercent(r.score, 0), class: 'num' },
      { title: t('flags.value'), cell: (r) => r.value, class: 'value' },
    ],
    'suspicious',
  );
}
