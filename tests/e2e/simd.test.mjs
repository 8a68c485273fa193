// The engine is compiled with WebAssembly SIMD (.cargo/config.toml): a browser without it
// (before Chrome/Edge 91, Firefox 89, Safari 16.4) cannot compile the wasm. The page must then
// say so in plain words, in the reader's language, instead of "the engine could not start".
// Chromium has SIMD, so these tests make WebAssembly.validate answer false before the page's
// scripts run (the page probes SIMD with it before starting a worker). Hosted page and the
// single file from file://.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { env, setUp, tearDown, dist } from './helpers.mjs';

before(() => setUp());
after(() => tearDown());

/** Opens `url` in a fresh context whose WebAssembly lacks SIMD (for validate, the page's
 * probe): {page, context, requests, errors}. */
async function openWithoutSimd(url, locale = 'en-US') {
  const context = await env.browser.newContext({ locale });
  await context.addInitScript(() => {
    WebAssembly.validate = () => false;
  });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  return { page, context, requests, errors };
}

async function refusal(page) {
  const error = page.getByTestId('error');
  await error.waitFor({ timeout: 30_000 });
  return (await error.innerText()).trim();
}

test("the page's SIMD probe is a valid module: Chromium's own validate accepts it", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${env.origin}/`);
  await page.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
  assert.equal(await page.evaluate(async () => (await import('./engine.js')).hasWasmSimd()), true);
  await context.close();
});

test('hosted page without WebAssembly SIMD: a plain refusal naming the browsers, no worker started', async () => {
  const { page, context, requests, errors } = await openWithoutSimd(`${env.origin}/`);
  const text = await refusal(page);
  assert.match(text, /lacks WebAssembly SIMD/);
  assert.match(text, /Chrome or Edge 91, Firefox 89, Safari 16\.4/);
  assert.doesNotMatch(text, /could not start/);
  assert.equal(await page.getByTestId('run').isDisabled(), true, 'Run stays disabled');
  assert.equal(await page.evaluate(() => document.body.dataset.ready), undefined, 'the page is not ready');
  assert.ok(!requests.some((u) => /worker\.js|veracity_wasm\.js/.test(u)), `no worker or wasm loaded: ${requests.join(' ')}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('hosted page without WebAssembly SIMD, in Chinese', async () => {
  const { page, context } = await openWithoutSimd(`${env.origin}/`, 'zh-CN');
  const text = await refusal(page);
  assert.match(text, /不支持 WebAssembly SIMD/);
  assert.match(text, /Safari 16\.4/);
  await context.close();
});

test('the single file from file:// without WebAssembly SIMD says the same', async () => {
  const url = pathToFileURL(path.join(dist, 'veracity.html')).href;
  const { page, context, errors } = await openWithoutSimd(url);
  const text = await refusal(page);
  assert.match(text, /lacks WebAssembly SIMD/);
  assert.deepEqual(errors, []);
  await context.close();
});
