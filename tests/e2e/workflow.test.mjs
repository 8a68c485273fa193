// End-to-end tests of the reporter's workflow in the page and of the single-value check, each
// against the CLI (the native build of the same engine): the call sheet (same seed → the same
// rows as `veracity sample --json`, a fresh seed is shown and repeats the draw, CSV equal to
// `--csv`), the comparison with an earlier file (the counts of `veracity compare --json`), the
// evidence report (the engine's HTML with the sheet and the comparison, its stated SHA-256
// checks out, no unmasked value unless revealed, rendered and screenshotted), "Check one
// number" (the verdicts of `veracity check --json`) and the registry in the kind selector.
// Privacy is checked after every test. Screenshots go to tests/out/workflow-*.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { env, setUp, tearDown, openPage, assertClean, loadDemo, run, setReferenceDate, download, cli, out, fixtures } from './helpers.mjs';

const REFERENCE_DATE = '2024-06-01';
const DEMO = path.join(fixtures, 'demo.csv');
const SEED = '12345678901234567890';

before(() => setUp());
after(() => tearDown());

async function demoReport(page) {
  await loadDemo(page);
  await setReferenceDate(page, REFERENCE_DATE);
  await run(page);
}

/** The sheet as shown: [{row, cells: [...]}] */
function sheetRows(page) {
  return page.getByTestId('sheet-table').locator('tbody tr').evaluateAll((rows) =>
    rows.map((r) => ({ row: Number(r.dataset.row), cells: [...r.querySelectorAll('td.value')].map((td) => td.textContent) })),
  );
}

async function draw(page, { n, seed = '', stratify = 'none', onlyValid = false, reveal = [] }) {
  await page.getByTestId('sheet-n').fill(String(n));
  await page.getByTestId('sheet-seed').fill(seed);
  await page.getByTestId('sheet-stratify').selectOption(stratify);
  await page.getByTestId('sheet-only-valid').setChecked(onlyValid);
  for (const box of await page.getByTestId('sheet-reveal-column').all()) {
    await box.setChecked(reveal.includes(await box.getAttribute('data-column')));
  }
  // The click removes the old sheet at once (the page shows only the last draw's sheet).
  await page.getByTestId('sheet-draw').click();
  await page.getByTestId('sheet-table').waitFor({ timeout: 30_000 });
  return page.getByTestId('sheet-seed-used').textContent();
}

/** Every ID number and mobile number of the demo sample, unmasked. */
function demoSecrets() {
  const lines = readFileSync(DEMO, 'utf8').trim().split('\n').slice(1);
  const secrets = new Set();
  for (const l of lines) {
    const f = l.split(',');
    if (f[1]) secrets.add(f[1]);
    if (f[2]) secrets.add(f[2]);
  }
  return [...secrets];
}

/** The document's own SHA-256: the hash of the text with the stated hash replaced by zeros. */
function ownSha(text, stated) {
  assert.ok(text.includes(stated), 'the document states its SHA-256');
  return createHash('sha256').update(text.split(stated).join('0'.repeat(64)), 'utf8').digest('hex');
}

test('call sheet: the same seed gives the CLI’s rows; a fresh seed is shown and repeats; the CSV is the CLI’s', async () => {
  const ctx = await openPage();
  const { page } = ctx;
  await demoReport(page);
  await page.getByTestId('callsheet').waitFor();

  // A given seed, stratified by region, one column revealed: the CLI's draw exactly.
  const used = await draw(page, { n: 15, seed: SEED, stratify: 'region', reveal: ['手机号'] });
  assert.equal(used, SEED);
  const shown = await sheetRows(page);
  const sheet = cli(['sample', DEMO, '-n', '15', '--seed', SEED, '--stratify', 'region', '--reveal', '手机号', '--json', '--reference-date', REFERENCE_DATE]);
  assert.equal(shown.length, 15);
  assert.deepEqual(shown, sheet.rows.map((r) => ({ row: r.row, cells: r.values })));
  const strata = await page.getByTestId('sheet-strata').locator('tbody tr').count();
  assert.equal(strata, sheet.strata.length);
  await page.screenshot({ path: path.join(out, 'workflow-sheet-en.png'), fullPage: true });

  // The CSV worksheet is the CLI's.
  const csv = await download(page, 'sheet-csv');
  assert.ok(csv.url.startsWith('blob:'));
  assert.match(csv.name, new RegExp(`^veracity-callsheet-[0-9a-f]{12}-seed-${SEED}\\.csv$`));
  const cliCsv = cli(['sample', DEMO, '-n', '15', '--seed', SEED, '--stratify', 'region', '--reveal', '手机号', '--csv', '--reference-date', REFERENCE_DATE], { json: false });
  assert.equal(csv.text, cliCsv);

  // No seed: one from crypto.getRandomValues, shown, and entering it repeats the draw.
  const fresh = await draw(page, { n: 10, stratify: 'status' });
  assert.match(fresh, /^\d{1,20}$/);
  assert.notEqual(fresh, SEED);
  const first = await sheetRows(page);
  const again = await draw(page, { n: 10, seed: fresh, stratify: 'status' });
  assert.equal(again, fresh);
  assert.deepEqual(await sheetRows(page), first);
  const cliFresh = cli(['sample', DEMO, '-n', '10', '--seed', fresh, '--stratify', 'status', '--json', '--reference-date', REFERENCE_DATE]);
  assert.deepEqual(first, cliFresh.rows.map((r) => ({ row: r.row, cells: r.values })));
  // Another seed gives another draw.
  await draw(page, { n: 10, seed: '1', stratify: 'status' });
  assert.notDeepEqual(await sheetRows(page), first);
  // Only valid rows: none flagged.
  await draw(page, { n: 20, seed: '7', onlyValid: true });
  const flagged = await page.getByTestId('sheet-table').locator('tbody tr td:nth-child(2)').allTextContents();
  assert.ok(flagged.length === 20 && flagged.every((f) => f === 'no'), flagged.join());
  // A bad seed is refused on the page, with a one-line message.
  await page.getByTestId('sheet-seed').fill('18446744073709551616');
  await page.getByTestId('sheet-draw').click();
  assert.match(await page.getByTestId('sheet-invalid').textContent(), /seed/);
  await assertClean(ctx);
});

test('compare with an earlier file: the CLI’s counts, duplicate clusters, masked examples, the summary in both languages', async () => {
  // The earlier file: 120 of the demo's rows reversed, phones written +86, CRLF line ends, and
  // 10 rows twice (duplicate clusters).
  const lines = readFileSync(DEMO, 'utf8').trim().split('\n');
  const rows = lines.slice(1, 121).reverse().map((l) => {
    const f = l.split(',');
    if (f[2]) f[2] = `+86 ${f[2]}`;
    return f.join(',');
  });
  const earlier = [lines[0], ...rows, ...rows.slice(0, 10)].join('\r\n') + '\r\n';
  const earlierPath = path.join(out, 'workflow-earlier.csv');
  writeFileSync(earlierPath, earlier);
  const expected = cli(['compare', earlierPath, DEMO, '--json', '--reference-date', REFERENCE_DATE]);

  const ctx = await openPage();
  const { page } = ctx;
  await demoReport(page);
  await page.getByTestId('compare-file').setInputFiles(earlierPath);
  await page.getByTestId('compare-earlier').waitFor();
  await page.getByTestId('compare-run').click();
  await page.getByTestId('compare-result').waitFor({ timeout: 30_000 });

  const table = await page.getByTestId('compare-table').locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({ key: tr.dataset.key, cells: [...tr.querySelectorAll('td')].map((td) => td.textContent) })),
  );
  assert.equal(table.length, expected.overlap.length);
  for (const [i, o] of expected.overlap.entries()) {
    assert.equal(table[i].key, o.key);
    assert.equal(table[i].cells[1], o.shared.toLocaleString('en-US'), `${o.key} shared`);
    assert.ok(table[i].cells[2].startsWith(o.a_rows_matched.toLocaleString('en-US')), `${o.key} earlier rows ${table[i].cells[2]}`);
    assert.ok(table[i].cells[3].startsWith(o.b_rows_matched.toLocaleString('en-US')), `${o.key} sample rows ${table[i].cells[3]}`);
  }
  const idOverlap = expected.overlap.find((o) => o.key === 'id');
  assert.equal(idOverlap.shared, 120, 'the constructed overlap');
  assert.equal(await page.getByTestId('compare-summary').textContent(), expected.summary.en);
  // Duplicate clusters of both files, as the CLI counts them.
  const dups = await page.getByTestId('compare-duplicates').locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [tr.dataset.file, tr.dataset.key, ...[...tr.querySelectorAll('td.num')].map((td) => Number(td.textContent.replace(/,/g, '')))]),
  );
  const want = [];
  for (const [which, f] of [['a', expected.a], ['b', expected.b]]) {
    for (const k of f.keys) if (k.key) want.push([which, k.key, k.rows_with_key, k.distinct, k.duplicate_keys, k.rows_in_duplicates, k.largest_cluster]);
  }
  assert.deepEqual(dups, want);
  assert.ok(want.some((r) => r[0] === 'a' && r[4] === 10), 'the earlier file’s 10 duplicated rows');
  // Examples are the CLI's, masked.
  const examples = await page.getByTestId('compare-examples').locator('tbody td.value').allTextContents();
  assert.deepEqual(examples, expected.examples.map((x) => x.value));
  const html = await page.content();
  for (const s of demoSecrets()) assert.ok(!html.includes(s), `an unmasked value is on the page: ${s.slice(0, 4)}…`);
  await page.getByTestId('compare').screenshot({ path: path.join(out, 'workflow-compare-en.png') });

  // Chinese: the summary in Chinese, the section's words too.
  await page.getByTestId('lang').selectOption('zh-CN');
  assert.equal(await page.getByTestId('compare-summary').textContent(), expected.summary.zh);
  assert.match(await page.getByTestId('compare').locator('h2').textContent(), /比对/);
  await page.getByTestId('compare').screenshot({ path: path.join(out, 'workflow-compare-zh.png') });
  await assertClean(ctx);
});

test('export report: the engine’s HTML with the sheet and the comparison; its SHA-256 is on the page and checks out; masked unless revealed', async () => {
  const earlierPath = path.join(out, 'workflow-earlier-2.csv');
  writeFileSync(earlierPath, readFileSync(DEMO, 'utf8').split('\n').slice(0, 80).join('\n'));
  const ctx = await openPage();
  const { page } = ctx;
  await demoReport(page);
  await draw(page, { n: 12, seed: SEED });
  await page.getByTestId('compare-file').setInputFiles(earlierPath);
  await page.getByTestId('compare-run').click();
  await page.getByTestId('compare-result').waitFor({ timeout: 30_000 });

  const doc = await download(page, 'export-report');
  assert.match(doc.name, /^veracity-report-[0-9a-f]{12}\.html$/);
  assert.ok(doc.url.startsWith('blob:'));
  const shown = await page.getByTestId('report-sha256').textContent();
  assert.match(shown, /^[0-9a-f]{64}$/);
  assert.equal(ownSha(doc.text, shown), shown, 'the stated SHA-256 is the document’s');
  assert.ok(doc.text.includes(SEED), 'the call sheet is in the report');
  const inputSha = createHash('sha256').update(readFileSync(DEMO)).digest('hex');
  assert.ok(doc.text.includes(inputSha), 'the input’s SHA-256');
  const earlierSha = createHash('sha256').update(readFileSync(earlierPath)).digest('hex');
  assert.ok(doc.text.includes(earlierSha.slice(0, 16)), 'the comparison is in the report');
  for (const s of demoSecrets()) assert.ok(!doc.text.includes(s), `an unmasked value in the report: ${s.slice(0, 4)}…`);

  // Rendered in Chromium: looks like a report (screenshot), and makes no request.
  const view = await env.browser.newPage({ viewport: { width: 1000, height: 1200 } });
  const requests = [];
  view.on('request', (r) => requests.push(r.url()));
  const file = path.join(out, 'workflow-evidence.html');
  writeFileSync(file, doc.text);
  await view.goto(`file://${file}`);
  assert.match(await view.locator('h1').first().textContent(), /\S/);
  await view.screenshot({ path: path.join(out, 'workflow-evidence.png'), fullPage: true });
  assert.deepEqual(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:')), []);
  await view.close();

  // The printable sheet from the sheet's own button: the same kind of document, its hash shown.
  const sheetDoc = await download(page, 'sheet-html');
  const sheetSha = await page.getByTestId('sheet-html-sha256').textContent();
  assert.equal(ownSha(sheetDoc.text, sheetSha), sheetSha);

  // Revealing the phone column puts those phones (and only those) in the report.
  await draw(page, { n: 12, seed: SEED, reveal: ['手机号'] });
  const revealed = await download(page, 'export-report');
  const phones = (await sheetRows(page)).map((r) => r.cells[1]).filter((v) => /^1\d{10}$/.test(v));
  assert.ok(phones.length > 0, 'revealed phones on the sheet');
  for (const p of phones) assert.ok(revealed.text.includes(p), 'a revealed phone is in the report');
  const ids = demoSecrets().filter((s) => s.length === 18);
  for (const id of ids) assert.ok(!revealed.text.includes(id), 'IDs stay masked');
  await assertClean(ctx);
});

const VALUES = [
  ['a Chinese ID', '11010519491231002X'],
  ['a Korean RRN', '800101-1234560'],
  ['an IBAN', 'GB82 WEST 1234 5698 7654 32'],
  ['a Brazilian CPF', '123.456.789-09'],
  ['junk', 'zz!?#'],
];

test('check one number agrees with `veracity check --json`, in English and Chinese', async () => {
  const ctx = await openPage();
  const { page } = ctx;
  await setReferenceDate(page, REFERENCE_DATE);
  for (const [what, value] of VALUES) {
    const expected = cli(['check', value, '--json', '--reference-date', REFERENCE_DATE]);
    await page.getByTestId('check-input').fill(value);
    await page.getByTestId('check-input').press('Enter');
    // Wait for the answer to this value, not the previous one still on screen.
    await page.waitForFunction(
      (v) => document.querySelector('[data-testid="check-result"]')?.dataset.value === v,
      value,
    );
    const shown = await page.getByTestId('check-verdict').evaluateAll((cards) =>
      cards.map((c) => ({
        format: c.dataset.format,
        valid: c.dataset.valid === 'true',
        facts: Object.fromEntries([...c.querySelectorAll('dd[data-fact]')].map((dd) => [dd.dataset.fact, dd.textContent])),
      })),
    );
    const want = expected.formats.map((f) => ({
      format: f.format,
      valid: f.valid,
      facts: Object.fromEntries(Object.entries(f.facts).map(([k, v]) => [k, k === 'sex' ? v : String(v)])),
    }));
    assert.deepEqual(shown, want, what);
    if (!want.length) assert.match(await page.getByTestId('check-none').textContent(), /fits no known format/);
    for (const f of expected.formats.filter((x) => !x.valid)) {
      const card = page.locator(`[data-testid="check-verdict"][data-format="${f.format}"]`);
      for (const p of f.problems) assert.ok((await card.textContent()).includes(p), `${what}: reason ${p}`);
    }
  }
  // One format asked for: only its verdict.
  await page.getByTestId('check-input').fill('4111111111111112');
  await page.getByTestId('check-format').selectOption('payment_card');
  await page.getByTestId('check-run').click();
  await page.locator('[data-testid="check-verdict"][data-format="payment_card"][data-valid="false"]').waitFor();
  assert.equal(await page.getByTestId('check-verdict').count(), 1);
  await page.getByTestId('check-format').selectOption('');

  // Chinese: the words change, the verdicts do not.
  await page.getByTestId('check-input').fill('11010519491231002X');
  await page.getByTestId('check-run').click();
  await page.locator('[data-testid="check-verdict"][data-format="cn_ric"]').waitFor();
  await page.getByTestId('check').screenshot({ path: path.join(out, 'workflow-check-en.png') });
  await page.getByTestId('lang').selectOption('zh-CN');
  const ric = page.locator('[data-testid="check-verdict"][data-format="cn_ric"]');
  assert.match(await ric.getByTestId('check-status').textContent(), /有效/);
  assert.equal(await ric.locator('dd[data-fact="sex"]').textContent(), '女');
  assert.match(await page.getByTestId('check').locator('h2').textContent(), /查验单个号码/);
  await page.getByTestId('check').screenshot({ path: path.join(out, 'workflow-check-zh.png') });
  await assertClean(ctx);
});

test('the registry: the formats list and the column kind selector offer every format of `veracity formats`', async () => {
  const formats = cli(['formats', '--json']);
  const ctx = await openPage();
  const { page } = ctx;
  await page.getByTestId('formats-list').locator('summary').click();
  const ids = await page.getByTestId('formats-table').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.format));
  assert.deepEqual(ids, formats.map((f) => f.id));
  const checkFormats = await page.getByTestId('check-format').locator('option').evaluateAll((os) => os.map((o) => o.value));
  assert.deepEqual(checkFormats, ['', ...formats.map((f) => f.id)]);
  await demoReport(page);
  const offered = await page.getByTestId('kind-select').first().locator('option').evaluateAll((os) => os.map((o) => o.value));
  for (const f of formats) assert.ok(offered.includes(f.kind), `the kind selector offers ${f.kind}`);
  // Choosing a registry format re-runs with it.
  await page.getByTestId('kind-select').nth(2).selectOption('kr_rrn');
  await page.locator('[data-testid="column-card"][data-column="2"][data-kind="kr_rrn"]').waitFor({ timeout: 30_000 });
  await assertClean(ctx);
});

test('screenshots: the workflow and the check box in English and Chinese, desktop and 360 px', async () => {
  for (const [locale, lang] of [['en-US', 'en'], ['zh-CN', 'zh']]) {
    for (const width of [1280, 360]) {
      const ctx = await openPage({ width, height: 900, locale });
      const { page } = ctx;
      await demoReport(page);
      await draw(page, { n: 6, seed: SEED, stratify: 'status', reveal: ['姓名'] });
      await page.getByTestId('compare-file').setInputFiles(DEMO);
      await page.getByTestId('compare-run').click();
      await page.getByTestId('compare-result').waitFor({ timeout: 30_000 });
      await page.getByTestId('check-input').fill('GB82 WEST 1234 5698 7654 32');
      await page.getByTestId('check-run').click();
      await page.getByTestId('check-verdict').first().waitFor();
      const name = `workflow-${lang}-${width}`;
      await page.getByTestId('workflow').screenshot({ path: path.join(out, `${name}.png`) });
      await page.getByTestId('check').screenshot({ path: path.join(out, `${name}-check.png`) });
      // Nothing sticks out sideways at any width.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${name}: the page scrolls sideways by ${overflow} px`);
      await assertClean(ctx);
    }
  }
});
