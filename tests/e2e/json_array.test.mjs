// A JSON document whose top level is an array of records (and an Elasticsearch search
// response, as its hits, and an SQL dump) streams in the page (README, Performance steps 31,
// 33 and 35): the engine refuses to cut it into byte ranges, so the page reads it as one range
// on one worker, chunk by chunk — records are counted while the file is still being read,
// memory stays bounded — and the report is the same whatever the number of workers and the
// chunk size. Its columns come from the first 500 records; keys first seen later are counted
// in input.late_keys and shown with the input's facts. JSON Lines of search responses (step
// 34) are read as every line's hits: cut into ranges like other JSON Lines when the head holds
// their first line, on one worker when it does not.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, tearDown, openPage, assertClean, seeded, syntheticPerson, summaryOfFile } from './helpers.mjs';

before(() => setUp());
after(() => tearDown());

/** Deterministic synthetic records (never real people) as one JSON array on a single line:
 * name, ID with its check digit, sex, mobile, address, a remark with `,]}"` in it; every 700th
 * record after the first 1,000 also has an `email` key, which the first 500 do not have.
 * Returns the text and the number of records with an email. */
function genJsonArray(rows) {
  const rnd = seeded(20221);
  const recs = [];
  let late = 0;
  for (let i = 0; i < rows; i++) {
    const p = syntheticPerson(rnd);
    const rec = {
      姓名: p.name,
      身份证号: p.id,
      性别: p.sex,
      手机号: p.phone,
      地址: p.address,
      备注: i % 5 === 0 ? `第${i}条, 含 ] 和 } 和 "引号"` : '',
    };
    if (i >= 1000 && i % 700 === 0) {
      rec.email = `user${i}@example.com`;
      late += 1;
    }
    recs.push(rec);
  }
  return { text: JSON.stringify(recs), late, recs };
}

/** The records as an Elasticsearch search response on one line (as Elasticsearch answers
 * unless asked for `?pretty`): each record a hit's `_source`, without the late `email` key
 * (whose column a stream leaves to input.late_keys where one call analyses it). */
function searchResponse(recs) {
  const hits = recs.map(({ email, ...r }, i) => ({ _index: 'people', _id: String(i), _score: 1, _source: r }));
  return JSON.stringify({ took: 7, timed_out: false, _shards: { total: 1, successful: 1 }, hits: { total: { value: hits.length }, max_score: 1, hits } });
}

/** The records as a mysqldump-style dump: its settings, the table's CREATE TABLE, then
 * INSERTs of 1,000 tuples without a column list (the CREATE TABLE names the columns), values
 * escaped as mysqldump escapes them; without the late `email` key. */
function mysqldump(recs) {
  const cols = Object.keys(recs[0]);
  const escapes = { '\\': '\\\\', "'": "\\'", '"': '\\"', '\n': '\\n', '\r': '\\r' };
  const q = (v) => `'${String(v).replace(/[\\'"\n\r]/g, (c) => escapes[c])}'`;
  const out = [
    '-- MySQL dump 10.13\n/*!40101 SET NAMES utf8mb4 */;\nDROP TABLE IF EXISTS `people`;\n',
    `CREATE TABLE \`people\` (\n  \`id\` int NOT NULL AUTO_INCREMENT,\n${cols.map((c) => `  \`${c}\` varchar(255) DEFAULT NULL,\n`).join('')}  PRIMARY KEY (\`id\`)\n) ENGINE=InnoDB;\n`,
    'LOCK TABLES `people` WRITE;\n',
  ];
  for (let i = 0; i < recs.length; i += 1000) {
    const tuples = recs.slice(i, i + 1000).map((r, k) => `(${i + k + 1},${cols.map((c) => q(r[c] ?? '')).join(',')})`);
    out.push(`INSERT INTO \`people\` VALUES ${tuples.join(',')};\n`);
  }
  out.push('UNLOCK TABLES;\n');
  return out.join('');
}

/** The records as pg_dump 17.6 writes them (its plain format, with its `\restrict` and
 * `\unrestrict` psql meta-commands): its settings, CREATE TABLE, then
 * `COPY public.people (…) FROM stdin;` with one tab-separated line a record (`\N` for an
 * empty value, backslash, tab and line breaks escaped) and `\.`; then, with `late` > 0, a
 * second table's COPY whose `email` column is first seen there. */
function pgDump(recs, late = 0) {
  const cols = Object.keys(recs[0]);
  const escapes = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
  const v = (x) => (x === undefined || x === '' ? '\\N' : String(x).replace(/[\\\t\n\r]/g, (c) => escapes[c]));
  const out = [
    "--\n-- PostgreSQL database dump\n--\n\n\\restrict 8kq2ZyKQ\n\nSET client_encoding = 'UTF8';\nSELECT pg_catalog.set_config('search_path', '', false);\n\n",
    `CREATE TABLE public.people (\n    id integer NOT NULL,\n${cols.map((c) => `    "${c}" text`).join(',\n')}\n);\n\n`,
    `COPY public.people (id, ${cols.map((c) => `"${c}"`).join(', ')}) FROM stdin;\n`,
  ];
  recs.forEach((r, i) => out.push(`${i + 1}\t${cols.map((c) => v(r[c])).join('\t')}\n`));
  out.push('\\.\n\n');
  if (late) {
    out.push('COPY public.contacts (id, email) FROM stdin;\n');
    for (let i = 0; i < late; i++) out.push(`${i + 1}\tu${i}@example.com\n`);
    out.push('\\.\n\n');
  }
  out.push('ALTER TABLE ONLY public.people\n    ADD CONSTRAINT people_pkey PRIMARY KEY (id);\n\n\\unrestrict 8kq2ZyKQ\n');
  return out.join('');
}

/** What a document that streams on one worker gives (`r` from runsInPage): read as `format`,
 * `rows` records, the split refused for one range, records analysed before the last byte was
 * read, and the report one call gives. */
function assertStreamedOnOneWorker(r, format, rows) {
  assert.equal(r.streamed.input.format, format);
  assert.equal(r.streamed.input.rows, rows);
  assert.deepEqual(r.streamed.lastRun, { workers: 1, ranges: 1, fallback: true });
  assert.ok(r.streamed.early > 0, 'records analysed before the last byte was read');
  assert.equal(r.streamed.json, r.call.json, 'the streamed report is the one-call report');
}

/** In the page: `text` as a file with two workers asked for (ranges from any size, 64 KiB
 * chunks) and as bytes in one call; with `suffix`, the same for the text with it appended
 * (brokenRun, brokenCall). Each run: its report as JSON, its input facts, the engine's
 * lastRun and how many progress reports counted rows before the last byte was read. */
function runsInPage(page, text, suffix = null) {
  return page.evaluate(async ({ text, suffix }) => {
    const { createEngine } = await import('./engine.js');
    const opts = { reference_date: '2026-01-01' };
    const run = async (source, config) => {
      const engine = createEngine(config);
      const seen = [];
      try {
        const report = await engine.run(source, opts, (p) => seen.push(p));
        return { json: JSON.stringify(report), input: report.input, lastRun: engine.lastRun, early: seen.filter((p) => p.rows > 0 && p.done < source.size).length };
      } finally {
        engine.close();
      }
    };
    const bytes = new TextEncoder().encode(text);
    const out = { size: bytes.length };
    out.streamed = await run(new Blob([bytes]), { workers: 2, splitMinBytes: 0, chunkBytes: 64 << 10 });
    out.call = await run(bytes.slice(), { workers: 1 });
    if (suffix !== null) {
      const broken = new Uint8Array([...bytes, ...new TextEncoder().encode(suffix)]);
      out.brokenRun = await run(new Blob([broken]), { workers: 1, chunkBytes: 64 << 10 });
      out.brokenCall = await run(broken.slice(), { workers: 1 });
    }
    return out;
  }, { text, suffix });
}

test('a JSON array streams on one worker: rows counted while it is read, the same report from any workers and chunk size, late keys counted and shown', async () => {
  const { text, late } = genJsonArray(100_000);
  const ctx = await openPage();
  const r = await ctx.page.evaluate(async (text) => {
    const { createEngine } = await import('./engine.js');
    const blob = new Blob([text]);
    const split = createEngine({ workers: 2, splitMinBytes: 0 });
    const one = createEngine({ workers: 1, chunkBytes: 64 << 10 });
    const seen = [];
    const a = await split.run(blob, { reference_date: '2026-01-01' });
    const splitRun = split.lastRun;
    const b = await one.run(blob, { reference_date: '2026-01-01' }, (p) => seen.push(p));
    const oneRun = one.lastRun;
    split.close();
    one.close();
    return { same: JSON.stringify(a) === JSON.stringify(b), splitRun, oneRun, seen, size: blob.size, input: a.input, columns: a.columns.map((c) => c.kind) };
  }, text);
  // Two workers asked for: the engine refuses the ranges and it runs as one range.
  assert.deepEqual(r.splitRun, { workers: 1, ranges: 1, fallback: true });
  assert.deepEqual(r.oneRun, { workers: 1, ranges: 1, fallback: false });
  assert.ok(r.same, 'the fallback gives the report of one worker in 64 KiB chunks');
  assert.equal(r.input.format, 'json');
  assert.equal(r.input.rows, 100_000);
  assert.deepEqual(r.input.late_keys, { records: late, keys: { email: late }, more: false });
  assert.ok(r.columns.includes('cn_ric') && !r.columns.includes('email'), r.columns.join(' '));
  // Streamed: records were analysed before the last byte was read (a document read whole
  // counts none until its end).
  const early = r.seen.filter((p) => p.rows > 0 && p.done < r.size);
  assert.ok(early.length > 0, JSON.stringify(r.seen));
  // The page shows the late keys with the input's facts.
  const summary = await summaryOfFile(ctx.page, text, 'sample.json');
  assert.match(summary, /Keys first seen after the first 500 records \(not analysed\)/);
  assert.ok(summary.includes(`${late} records: "email" ×${late}`), summary);
  await assertClean(ctx);
});

test('an Elasticsearch search response on one line streams as its hits; one that turns out broken past its head is read whole, with the report one call gives', async () => {
  const { recs } = genJsonArray(80_000);
  const text = searchResponse(recs);
  const ctx = await openPage();
  // The same response with text after it: streamed to its end, then read whole.
  const r = await runsInPage(ctx.page, text, ' trailing');
  assert.ok(r.size > 4 << 20, `${r.size} bytes: more than the 1 MiB head`);
  assertStreamedOnOneWorker(r, 'json', 80_000);
  assert.deepEqual(r.brokenRun.lastRun, { workers: 1, ranges: 0, fallback: true });
  assert.equal(r.brokenRun.json, r.brokenCall.json, 'read whole: the one-call report');
  assert.equal(r.brokenRun.input.rows, 1, 'not one valid JSON document: one unparseable record, as one call reads it');
  await assertClean(ctx);
});

test('JSON Lines of search responses (scroll pages, one a line) are read as every line’s hits: cut into ranges when the head holds the first line, on one worker when it does not, with the report one call gives', async () => {
  const { recs } = genJsonArray(60_000);
  /** The records as compact search responses of `per` hits, one a line. */
  const pages = (per) => {
    const lines = [];
    for (let i = 0; i < recs.length; i += per) lines.push(searchResponse(recs.slice(i, i + per)));
    return lines.join('\n') + '\n';
  };
  const ctx = await openPage();
  const r = await ctx.page.evaluate(async (texts) => {
    const { createEngine } = await import('./engine.js');
    const opts = { reference_date: '2026-01-01' };
    const run = async (source, config) => {
      const engine = createEngine(config);
      try {
        const report = await engine.run(source, opts);
        return { json: JSON.stringify(report), input: report.input, lastRun: engine.lastRun };
      } finally {
        engine.close();
      }
    };
    const out = [];
    for (const text of texts) {
      const bytes = new TextEncoder().encode(text);
      const split = await run(new Blob([bytes]), { workers: 2, splitMinBytes: 0, chunkBytes: 64 << 10 });
      const call = await run(bytes.slice(), { workers: 1 });
      out.push({ split, call, size: bytes.length, firstLine: bytes.indexOf(10) });
    }
    return out;
  }, [pages(1_000), pages(30_000)]);
  const [short, long] = r;
  assert.ok(short.firstLine < 1 << 20 && long.firstLine > 1 << 20, `${short.firstLine}, ${long.firstLine}`);
  for (const [name, x] of [['short lines', short], ['long lines', long]]) {
    assert.equal(x.split.input.format, 'jsonl', name);
    assert.equal(x.split.input.rows, 60_000, `${name}: every hit a row`);
    assert.equal(x.split.json, x.call.json, `${name}: the one-call report`);
  }
  // The head holds the first line: cut at line feeds into two ranges. It does not: one range.
  assert.deepEqual(short.split.lastRun, { workers: 2, ranges: 2, fallback: false });
  assert.deepEqual(long.split.lastRun, { workers: 1, ranges: 1, fallback: true });
  await assertClean(ctx);
});

test('an SQL dump streams on one worker: ranges refused, rows counted while it is read, the report of one call', async () => {
  // Enough rows to outlast the page's progress throttle (PROGRESS_MS) in wasm.
  const { recs } = genJsonArray(250_000);
  const text = mysqldump(recs.map(({ email, ...r }) => r));
  const ctx = await openPage();
  const r = await runsInPage(ctx.page, text);
  assert.ok(r.size > 4 << 20, `${r.size} bytes: more than the 1 MiB head`);
  assertStreamedOnOneWorker(r, 'sql', 250_000);
  await assertClean(ctx);
});

test('a pg_dump (COPY … FROM stdin) streams on one worker: its report is the mysqldump\'s of the same rows, late columns shown as columns', async () => {
  // Enough rows to outlast the page's progress throttle (PROGRESS_MS) in wasm.
  const { recs } = genJsonArray(250_000);
  const people = recs.map(({ email, ...r }) => r);
  const ctx = await openPage();
  const pg = await runsInPage(ctx.page, pgDump(people));
  const my = await runsInPage(ctx.page, mysqldump(people));
  assertStreamedOnOneWorker(pg, 'sql', 250_000);
  assert.equal(pg.streamed.input.unparseable_rows, 0);
  // The same rows as a mysqldump: the same report but for the input's bytes and hash.
  const strip = (json) => {
    const r = JSON.parse(json);
    delete r.input.sha256;
    delete r.input.bytes;
    return JSON.stringify(r);
  };
  assert.equal(strip(pg.streamed.json), strip(my.streamed.json));
  // A second table after the first 500 records: its new column is counted and shown, named a
  // column.
  const summary = await summaryOfFile(ctx.page, pgDump(people.slice(0, 2_000), 40), 'dump.sql');
  assert.match(summary, /Columns first seen after the first 500 records \(not analysed\)/);
  assert.ok(summary.includes('40 records: "email" ×40'), summary);
  await assertClean(ctx);
});
