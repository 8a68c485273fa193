// Exports, made in the page and handed to the browser as a download (Blob + object URL +
// <a download>): never a network request. The JSON export is the Report itself; the readable
// export is Markdown that states the input's SHA-256, the tool version, the date and the
// settings. Object URLs are revoked shortly after the download starts, and all at once by
// revokeAll() (Clear everything).

import { t, label, formatNumber, formatPercent } from './i18n.js';
import { verdictInfo } from './render.js';

const live = new Set();

function forget(url) {
  if (live.delete(url)) URL.revokeObjectURL(url);
}

/** Revokes every object URL an export made. */
export function revokeAll() {
  for (const url of [...live]) forget(url);
}

/** Saves `text` as a file called `name` through the browser's download, nothing else. */
export function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  live.add(url);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => forget(url), 30_000);
}

function baseName(report) {
  return `veracity-report-${String(report.input?.sha256 || 'input').slice(0, 12)}`;
}

export function reportJson(report) {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function exportJson(report) {
  download(`${baseName(report)}.json`, 'application/json', reportJson(report));
}

export function exportMarkdown(report, now = new Date()) {
  download(`${baseName(report)}.md`, 'text/markdown;charset=utf-8', reportMarkdown(report, now));
}

/** Escapes text for a Markdown table cell or line: no markup from the data survives. */
export function md(value) {
  return String(value ?? '')
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~])/g, '\\$1');
}

function row(cells) {
  return `| ${cells.join(' | ')} |`;
}

function tableMd(headers, rows) {
  return [row(headers.map(md)), row(headers.map(() => '---')), ...rows.map((r) => row(r.map(md)))].join('\n');
}

/** The readable report, in the page's current language. */
export function reportMarkdown(report, now = new Date()) {
  const r = report;
  const inp = r.input;
  const v = verdictInfo(r);
  const lines = [];
  lines.push(`# ${t('md.title')}`, '');
  lines.push(`- ${t('md.generated')}: ${now.toISOString()}`);
  lines.push(`- ${t('md.tool')}: ${md(r.tool?.name)} ${md(r.tool?.version)} (schema ${md(r.schema_version)})`);
  lines.push(`- ${t('input.sha256')}: \`${inp.sha256}\``);
  lines.push(`- ${t('input.size')}: ${formatNumber(inp.bytes)} bytes`);
  lines.push(
    `- ${t('input.format')}: ${md(label('format', inp.format))}${inp.delimiter ? ` (${md(t('input.delimiter', { d: JSON.stringify(inp.delimiter) }))})` : ''}; ${t('input.encoding')}: ${md(inp.encoding)}; ${t('input.header')}: ${inp.has_header ? t('yes') : t('no')}`,
  );
  lines.push(`- ${t('input.rows')}: ${formatNumber(inp.rows)}; ${t('input.columns')}: ${formatNumber(inp.columns)}`);
  if (r.settings?.reference_date) lines.push(`- ${t('input.reference_date')}: ${md(r.settings.reference_date)}`);
  lines.push('');

  lines.push(`## ${v.assessed ? t('verdict.title') : t('verdict.unassessed')}`, '');
  lines.push(`**${md(v.title)}**`, '');
  if (v.text) lines.push(md(v.text), '');
  if (v.signals.length) {
    lines.push(`### ${t('verdict.signals')}`, '');
    for (const s of v.signals) lines.push(`- ${md(s.title)}${s.text ? `: ${md(s.text)}` : ''}${s.level ? ` (${md(s.level)})` : ''}`);
    lines.push('');
  }

  lines.push(`## ${t('md.settings')}`, '', '```json', JSON.stringify(r.settings, null, 2), '```', '');

  lines.push(`## ${t('columns.title')}`, '');
  lines.push(
    tableMd(
      [t('col.index'), t('col.header'), t('col.kind'), t('col.confidence'), t('col.valid'), t('col.invalid'), t('col.empty'), t('col.reasons')],
      r.columns.map((c) => [
        c.index + 1,
        c.header,
        `${label('kind', c.kind)} (${c.kind})`,
        `${formatPercent(c.confidence, 0)} (${label('source', c.kind_source)})`,
        formatNumber(c.valid),
        formatNumber(c.invalid),
        formatNumber(c.empty),
        Object.entries(c.invalid_reasons || {})
          .sort((a, b) => b[1] - a[1])
          .map(([k, n]) => `${label('reason', k)} ×${n}`)
          .join('; '),
      ]),
    ),
    '',
  );

  if (r.cross_checks?.length) {
    lines.push(`## ${t('cross.title')}`, '');
    lines.push(
      tableMd(
        [t('cross.check'), t('cross.columns'), t('cross.checked'), t('cross.disagree')],
        r.cross_checks.map((x) => [label('cross', x.id), x.columns.join(' ↔ '), formatNumber(x.checked), formatNumber(x.disagree)]),
      ),
      '',
    );
  }

  lines.push(`## ${t('flags.title')}`, '');
  if (!r.flagged_total) {
    lines.push(t('flags.none'), '');
  } else {
    lines.push(t('flags.count', { total: formatNumber(r.flagged_total), listed: formatNumber(r.flagged_rows.length) }), '');
    lines.push(
      tableMd(
        [t('flags.row'), t('flags.column'), t('flags.reason'), t('flags.value')],
        r.flagged_rows.map((f) => [f.row, f.column || t('flags.record'), label('reason', f.reason), f.value]),
      ),
    );
    if (r.flagged_total > r.flagged_rows.length) {
      lines.push('', t('md.more_flags', { n: formatNumber(r.flagged_total - r.flagged_rows.length) }));
    }
    lines.push('');
  }

  lines.push('---', '', `_${md(t('md.caveat'))}_`, '');
  return lines.join('\n');
}
