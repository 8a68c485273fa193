// "Check one number": one value typed or pasted, checked against every format of the
// engine's registry (engine.check → {value, normalized, reference_date, formats: [verdict]}),
// and the list of supported formats (engine.formats). The value stays in this page and the
// engine's worker; it reaches the DOM through textContent only.

import { t, label } from './i18n.js';
import { el } from './render.js';

/** The facts a verdict may carry, in display order. */
const FACTS = ['date', 'sex', 'age', 'country', 'issuer', 'region', 'province', 'prefecture', 'carrier', 'since_year', 'coding', 'canonical'];

function factValue(key, v) {
  if (key === 'sex') return t(`check.sex.${v}`);
  return String(v);
}

/** One format's verdict as a card. */
function verdictCard(v) {
  const facts = FACTS.filter((k) => v.extracted?.[k] !== undefined && v.extracted[k] !== null);
  const card = el(
    'article',
    { class: `card check-verdict ${v.valid ? 'is-valid' : 'is-invalid'}`, 'data-testid': 'check-verdict', 'data-format': v.format, 'data-valid': String(v.valid) },
    el('h3', {}, el('span', {}, v.name), ' ', el('code', {}, v.format), v.country ? el('span', { class: 'muted small' }, ` · ${v.country}`) : null),
    el(
      'p',
      { class: v.valid ? 'verdict-ok' : 'verdict-bad', 'data-testid': 'check-status' },
      v.valid ? t('check.valid') : t('check.invalid', { reasons: v.reasons.map((r) => label('reason', r)).join('; ') || '—' }),
    ),
  );
  if (!v.valid && v.reasons.length) {
    card.append(el('p', { class: 'muted small' }, v.reasons.map((r) => r).join(', ')));
  }
  if (v.notes.length) card.append(el('p', { class: 'small' }, `${t('check.notes')}: ${v.notes.map((n) => label('note', n)).join('; ')}`));
  if (facts.length) {
    const dl = el('dl', { class: 'summary', 'data-testid': 'check-extracted' });
    for (const k of facts) dl.append(el('dt', {}, t(`check.fact.${k}`)), el('dd', { 'data-fact': k }, factValue(k, v.extracted[k])));
    card.append(dl);
  }
  return card;
}

/** The answer for one value. */
export function checkResult(found) {
  const box = el('div', {
    class: 'check-result',
    'data-testid': 'check-result',
    'data-value': found.value,
    'aria-live': 'polite',
  });
  if (!found.formats.length) {
    box.append(el('p', { 'data-testid': 'check-none' }, t('check.none', { value: found.normalized || found.value })));
    return box;
  }
  const valid = found.formats.filter((v) => v.valid).length;
  box.append(
    el('p', { 'data-testid': 'check-count' }, t('check.count', { n: found.formats.length, valid, date: found.reference_date })),
    el('div', { class: 'cards' }, ...found.formats.map(verdictCard)),
  );
  return box;
}

/** The registry as a table inside a <details>. */
export function formatsList(formats) {
  return el(
    'details',
    { class: 'formats-list', 'data-testid': 'formats-list' },
    el('summary', {}, t('formats.title', { n: formats.length })),
    el(
      'div',
      { class: 'table-scroll' },
      el(
        'table',
        { 'data-testid': 'formats-table' },
        el('thead', {}, el('tr', {}, ...['id', t('formats.name'), t('formats.country'), t('formats.validates'), t('formats.extracts')].map((h) => el('th', { scope: 'col' }, h)))),
        el(
          'tbody',
          {},
          ...formats.map((f) =>
            el('tr', { 'data-format': f.id }, el('td', {}, el('code', {}, f.id)), el('td', {}, f.name), el('td', {}, f.country || '—'), el('td', {}, f.validates), el('td', {}, f.extracts || '—')),
          ),
        ),
      ),
    ),
  );
}

/** Fills the format <select> of the check box. */
export function fillFormatSelect(select, formats) {
  const keep = select.value;
  select.replaceChildren(el('option', { value: '' }, t('check.any_format')));
  for (const f of formats) select.append(el('option', { value: f.id }, `${f.name} (${f.id})`));
  select.value = keep;
}
