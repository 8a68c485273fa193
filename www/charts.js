// Hand-written inline SVG charts, built with DOM calls (no markup strings, no library: four
// simple bar charts do not justify a dependency, and DOM-built SVG needs no CSP exception).
// Colours come from style.css classes so the charts follow the light and dark themes.
// Each chart is a <figure> with a caption and a one-sentence description that carries the
// numbers for screen readers; every bar has a <title> with its exact value.

import { t, formatNumber, formatPercent } from './i18n.js';

const NS = 'http://www.w3.org/2000/svg';
const W = 360; // viewBox width: about one CSS pixel per unit on a phone, so text stays legible

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  for (const c of children) node.append(c instanceof Node ? c : String(c));
  return node;
}

function html(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : String(c ?? ''));
  return node;
}

let chartSeq = 0;

function figure(testid, title, description, height, ...content) {
  const id = `chart-${++chartSeq}`;
  const root = svg(
    'svg',
    { viewBox: `0 0 ${W} ${height}`, class: 'chart', role: 'img', 'aria-labelledby': `${id}-t ${id}-d` },
    ...content,
  );
  return html(
    'figure',
    { class: 'chart-figure', 'data-testid': testid },
    html('figcaption', { id: `${id}-t` }, title),
    root,
    html('p', { id: `${id}-d`, class: 'chart-desc' }, description),
  );
}

function bar(x, y, w, h, cls, tip) {
  return svg('rect', { x, y, width: Math.max(0, w), height: Math.max(0, h), class: cls }, svg('title', {}, tip));
}

function text(x, y, s, attrs = {}) {
  return svg('text', { x, y, ...attrs }, s);
}

/** Birth years: one bar per year from the first to the last (gaps drawn as zero). */
export function birthYearChart(years) {
  if (!years?.length) return null;
  const byYear = new Map(years.map((y) => [y.year, y.count]));
  const from = years[0].year;
  const to = years[years.length - 1].year;
  const n = to - from + 1;
  let peak = years[0];
  let total = 0;
  for (const y of years) {
    total += y.count;
    if (y.count > peak.count) peak = y;
  }
  const H = 180;
  const left = 34;
  const right = 14;
  const top = 10;
  const bottom = 24;
  const plotW = W - left - right;
  const plotH = H - top - bottom;
  const bw = plotW / n;
  const parts = [
    svg('line', { x1: left, y1: top + plotH, x2: W - right, y2: top + plotH, class: 'axis' }),
    text(left - 4, top + 10, formatNumber(peak.count), { 'text-anchor': 'end' }),
    text(left - 4, top + plotH, '0', { 'text-anchor': 'end' }),
  ];
  const step = n > 60 ? 20 : n > 12 ? 10 : n > 5 ? 2 : 1;
  for (let i = 0; i < n; i++) {
    const year = from + i;
    const count = byYear.get(year) || 0;
    const h = (count / peak.count) * plotH;
    if (count) parts.push(bar(left + i * bw + 0.15 * bw, top + plotH - h, Math.max(0.7 * bw, 0.8), h, 'bar', `${year}: ${formatNumber(count)}`));
    if (year % step === 0) {
      const x = left + (i + 0.5) * bw;
      parts.push(svg('line', { x1: x, y1: top + plotH, x2: x, y2: top + plotH + 3, class: 'axis' }));
      parts.push(text(x, H - 6, String(year), { 'text-anchor': 'middle' }));
    }
  }
  return figure(
    'chart-birth-years',
    t('chart.birth_years'),
    t('chart.birth_years.desc', {
      n: formatNumber(total),
      from,
      to,
      peak: peak.year,
      peakCount: formatNumber(peak.count),
    }),
    H,
    ...parts,
  );
}

/**
 * Check-digit validity of ID-like columns: share of values whose check digit is right
 * (values minus those with the `checksum` reason), with a marker where random digits land.
 */
export function checkDigitChart(columns) {
  const rows = columns
    .filter((c) => c.values > 0)
    .map((c) => {
      const bad = c.invalid_reasons?.checksum || 0;
      return { column: c.header, n: c.values, ok: c.values - bad };
    });
  if (!rows.length) return null;
  const rowH = 38;
  const H = rows.length * rowH + 20;
  const left = 4;
  const plotW = W - left - 8;
  const parts = [];
  rows.forEach((r, i) => {
    const share = r.ok / r.n;
    const y = i * rowH;
    const tip = t('chart.checkdigit.row', {
      column: r.column,
      pct: formatPercent(share),
      ok: formatNumber(r.ok),
      n: formatNumber(r.n),
    });
    parts.push(text(left, y + 13, tip));
    parts.push(bar(left, y + 18, plotW, 13, 'bar-track', tip));
    parts.push(bar(left, y + 18, plotW * share, 13, share >= 0.95 ? 'bar' : 'bar-bad', tip));
  });
  const mx = left + plotW / 11;
  parts.push(svg('line', { x1: mx, y1: 16, x2: mx, y2: H - 15, class: 'marker' }));
  parts.push(text(mx + 4, H - 3, t('chart.checkdigit.random')));
  return figure('chart-checkdigit', t('chart.checkdigit'), t('chart.checkdigit.desc'), H, ...parts);
}

/** Sex ratio: one bar split into men and women, with the census ratio for comparison. */
export function sexChart(male, female) {
  const total = male + female;
  if (!total) return null;
  const H = 66;
  const left = 4;
  const plotW = W - 8;
  const mw = (male / total) * plotW;
  const ratio = female ? Math.round((male / female) * 1000) / 10 : '∞';
  const maleTip = `${t('chart.sex.male')}: ${formatNumber(male)} (${formatPercent(male / total)})`;
  const femaleTip = `${t('chart.sex.female')}: ${formatNumber(female)} (${formatPercent(female / total)})`;
  // The 2020 census: 105.07 men per 100 women, i.e. 51.2 % men.
  const census = left + plotW * (105.07 / 205.07);
  const parts = [
    text(census, 12, t('chart.sex.census'), { 'text-anchor': 'middle' }),
    bar(left, 18, mw, 22, 'bar-male', maleTip),
    bar(left + mw, 18, plotW - mw, 22, 'bar-female', femaleTip),
    svg('line', { x1: census, y1: 15, x2: census, y2: 43, class: 'marker' }),
    text(left, 60, maleTip),
    text(W - 4, 60, femaleTip, { 'text-anchor': 'end' }),
  ];
  return figure(
    'chart-sex',
    t('chart.sex'),
    t('chart.sex.desc', { male: formatNumber(male), female: formatNumber(female), ratio: typeof ratio === 'number' ? formatNumber(ratio) : ratio }),
    H,
    ...parts,
  );
}

/** The most frequent provinces of the ID's region, as horizontal bars. */
export function regionChart(provinces, top = 10) {
  if (!provinces?.length) return null;
  const shown = provinces.slice(0, top);
  const max = shown[0].count || 1;
  const rowH = 22;
  const H = shown.length * rowH + 4;
  const nameW = 124;
  const countW = 48;
  const plotW = W - nameW - countW;
  const parts = [];
  shown.forEach((p, i) => {
    const y = i * rowH + 2;
    const tip = `${p.name} (${p.code}): ${formatNumber(p.count)}`;
    parts.push(text(nameW - 6, y + 15, p.name, { 'text-anchor': 'end' }));
    parts.push(bar(nameW, y + 4, (p.count / max) * plotW, 14, 'bar', tip));
    parts.push(text(W - 2, y + 15, formatNumber(p.count), { 'text-anchor': 'end' }));
  });
  return figure(
    'chart-regions',
    t('chart.regions'),
    t('chart.regions.desc', { n: shown.length, total: provinces.length }),
    H,
    ...parts,
  );
}

/**
 * A thin horizontal bar split into parts ({value: share in [0, 1], cls}), for the cards and
 * the banner. Decorative beside its text, so hidden from screen readers.
 */
export function stackBar(parts, tip) {
  const H = 8;
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'stack-bar', 'aria-hidden': 'true', preserveAspectRatio: 'none' });
  let x = 0;
  for (const p of parts) {
    const w = Math.max(0, p.value) * W;
    if (w > 0) root.append(bar(x, 0, w, H, p.cls, tip));
    x += w;
  }
  return root;
}
