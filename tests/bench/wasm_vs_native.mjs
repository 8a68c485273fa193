// Wasm vs native on the same bytes, without the page: the per-byte cost of the engine as wasm.
//
//   node tests/bench/wasm_vs_native.mjs FILE [RUNS]
//
// Builds (cargo: what changed; the package: when its wasm is older than cargo's) the release
// wasm and its wasm-bindgen glue for Node (`--target nodejs`) into
// $CARGO_TARGET_DIR/veracity-pkg-node, the wasm optimised by scripts/wasm-opt.sh exactly as
// scripts/build-wasm.sh ships it, and the release CLI; then, RUNS times each (default 3),
// in turn: the native CLI's `verify FILE --json` (wall time of the child process) and the wasm
// `verify(bytes, options)` in this Node process (V8, as in Chromium; the first call also pays
// the wasm's tier-up, so it is reported apart), and the wasm `Sha256Stream` over the bytes in
// 1 MiB chunks (the page hashes in a separate worker), and the CLI's hash natively
// (crate/examples/sha256.rs). Prints the medians, wasm / native, and wasm / native with the
// hash taken off both sides (the page hashes files up to 128 MiB with the browser's digest).
// Both runs use the same reference date, and the script checks that they agree on the row
// count and the per-column valid counts. Node's standard library only.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const [file, runsArg] = process.argv.slice(2);
if (!file) {
  console.error("usage: node tests/bench/wasm_vs_native.mjs FILE [RUNS]");
  process.exit(2);
}
const runs = Number(runsArg ?? 3);
const target = process.env.CARGO_TARGET_DIR ?? path.join(root, "target");
const pkg = path.join(target, "veracity-pkg-node");
const cli = path.join(target, "release", "veracity");
const shaExample = path.join(target, "release", "examples", "sha256");
const refDate = "2022-07-01";

const sh = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
// Cargo rebuilds only what changed; the Node package is made again whenever the wasm it was
// made from is newer (a package left from an older build would compare old wasm with new native).
sh("cargo", ["build", "--release", "-p", "veracity", "--bin", "veracity", "--example", "sha256"]);
sh("cargo", ["build", "--release", "--target", "wasm32-unknown-unknown", "-p", "veracity", "--lib"]);
const built = path.join(target, "wasm32-unknown-unknown", "release", "veracity.wasm");
const packed = path.join(pkg, "veracity_bg.wasm");
if (!existsSync(path.join(pkg, "veracity.js")) || !existsSync(packed) || statSync(packed).mtimeMs < statSync(built).mtimeMs) {
  sh("wasm-bindgen", ["--target", "nodejs", "--no-typescript", "--out-dir", pkg, built]);
  sh("bash", ["scripts/wasm-opt.sh", packed]);
}
const engine = createRequire(import.meta.url)(path.join(pkg, "veracity.js"));

const bytes = new Uint8Array(readFileSync(file));
const mb = bytes.length / 1e6;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const now = () => performance.now() / 1000;

// CPU seconds (user + system) as well as wall seconds: on a loaded machine the wall time follows
// the load, the CPU time much less. The child's come from GNU time's `%U %S` on stderr.
function nativeRun() {
  const t0 = now();
  const r = spawnSync("/usr/bin/time", ["-f", "%U %S", cli, "verify", file, "--json", "--reference-date", refDate], {
    maxBuffer: 1 << 30,
    encoding: "utf8",
  });
  const secs = now() - t0;
  if (r.status !== 0) throw new Error(`native verify failed: ${r.stderr}`);
  const [u, s] = r.stderr.trim().split("\n").pop().split(" ").map(Number);
  return [secs, JSON.parse(r.stdout), u + s];
}

function wasmRun() {
  const t0 = now();
  const c0 = process.cpuUsage();
  const report = engine.verify(bytes, { reference_date: refDate });
  const c = process.cpuUsage(c0);
  return [now() - t0, report, (c.user + c.system) / 1e6];
}

function hashRun() {
  const t0 = now();
  const h = new engine.Sha256Stream();
  for (let at = 0; at < bytes.length; at += 1 << 20) h.update(bytes.subarray(at, at + (1 << 20)));
  const hex = h.hex();
  h.free?.();
  return [now() - t0, hex];
}

const summary = (r) => JSON.stringify([r.rows ?? r.input?.rows, (r.columns ?? []).map((c) => c.valid)]);
const [firstWasm, wasmReport] = wasmRun();
const native = [];
const nativeCpu = [];
const wasm = [];
const wasmCpu = [];
const hash = [];
let nativeReport;
for (let i = 0; i < runs; i++) {
  const [s, r, cpu] = nativeRun();
  native.push(s);
  nativeCpu.push(cpu);
  nativeReport = r;
  const [ws, , wcpu] = wasmRun();
  wasm.push(ws);
  wasmCpu.push(wcpu);
  hash.push(hashRun()[0]);
}
// The CLI's SHA-256 natively (crate/examples/sha256.rs: the same 1 MiB pieces, median of 5).
const [nativeHash, nativeHex] = execFileSync(shaExample, [file, "5"], { encoding: "utf8" }).trim().split(" ");
const hn = Number(nativeHash);
if (nativeHex !== hashRun()[1] || nativeHex !== wasmReport.input.sha256) {
  console.error("the native and wasm SHA-256 differ:", nativeHex, wasmReport.input.sha256);
  process.exit(1);
}
if (summary(nativeReport) !== summary(wasmReport)) {
  console.error("native and wasm reports differ:", summary(nativeReport), summary(wasmReport));
  process.exit(1);
}
const n = median(native);
const w = median(wasm);
const h = median(hash);
const nc = median(nativeCpu);
const wc = median(wasmCpu);
const line = (name, s, cpu) =>
  `| ${name} | ${s.toFixed(3)} | ${(mb / s).toFixed(1)} | ${cpu === undefined ? "" : cpu.toFixed(3)} |`;
console.log(`${path.basename(file)}: ${mb.toFixed(1)} MB, median of ${runs}`);
console.log("| run | wall s | MB/s | CPU s |\n|---|---:|---:|---:|");
console.log(line("native CLI `verify --json` (process)", n, nc));
console.log(line("wasm `verify` in Node, first call (cold)", firstWasm));
console.log(line("wasm `verify` in Node, warm", w, wc));
console.log(line("wasm `Sha256Stream`, 1 MiB chunks", h));
console.log(line("native `Sha256Stream` (examples/sha256.rs), 1 MiB chunks", hn));
console.log(`wasm / native: ${(w / n).toFixed(2)} wall, ${(wc / nc).toFixed(2)} CPU`);
// The page never runs the wasm hasher on a file up to engine.js's SUBTLE_MAX_BYTES (the
// browser's native digest does it), so the engine's own per-byte cost is the verify's without
// the hash on both sides: the wasm's portable SHA-256 against the CPU's SHA extensions.
console.log(`without the SHA-256 on both sides: wasm ${(w - h).toFixed(3)} s / native ${(n - hn).toFixed(3)} s = ${((w - h) / (n - hn)).toFixed(2)} wall`);
