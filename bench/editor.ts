import { execFile } from 'node:child_process';
import { readFile, readdir, rm, mkdtemp } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { promisify } from 'node:util';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_LAUNCH } from '../e2e/chromium.ts';
import { generateNodes } from '../src/model/fixtures/generate.ts';
import { round, summarise, type Stats } from './timing.ts';

const run = promisify(execFile);

/**
 * In-page timing code, as source text: functions passed to page.evaluate would be serialised as
 * tsx compiled them, with helpers (`__name`) the page does not have.
 */
const WAIT_FOR_NODES = `new Promise((resolve) => {
  const check = () => {
    if (document.querySelectorAll('.react-flow__node').length >= EXPECTED) {
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())));
    } else {
      setTimeout(check, 5);
    }
  };
  check();
})`;
const START_FRAMES = `(() => {
  window.__frames = [];
  window.__framing = true;
  const tick = (t) => {
    window.__frames.push(t);
    if (window.__framing) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;
/** The index of a block node whose centre is on screen and not covered: fit view cannot show all 1,000 nodes. */
const VISIBLE_NODE = `(() => {
  const pane = document.querySelector('.react-flow').getBoundingClientRect();
  const nodes = [...document.querySelectorAll('.react-flow__node-block')];
  return nodes.findIndex((node) => {
    const r = node.getBoundingClientRect();
    const x = r.x + r.width / 2;
    const y = r.y + r.height / 2;
    if (x < pane.left + 150 || x > pane.right - 400 || y < pane.top + 150 || y > pane.bottom - 250) return false;
    return node.contains(document.elementFromPoint(x, y));
  });
})()`;
const STOP_FRAMES = `(() => {
  window.__framing = false;
  return window.__frames;
})()`;

/**
 * A share link's fragment value for `doc`: its JSON, raw-DEFLATE compressed, in base64url without
 * padding — the editor's `#doc=` format (src/editor/persistence/shareLink.ts, which uses the
 * browser's CompressionStream('deflate-raw')).
 */
function shareFragment(doc: unknown): string {
  return deflateRawSync(Buffer.from(JSON.stringify(doc))).toString('base64url');
}

/** The editor benchmarks' graph size: a large VM host (issue 5: "a 1,000-node document"). */
export const EDITOR_NODES = 1_000;
/** Layers per disk: 16 disks of 31 qcow2 layers, each over its file node (issue 5's "16 disks × 64-deep chains", halved). */
const EDITOR_DEPTH = 31;

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/** A production build of the editor in a temporary directory (what `npm start` serves). */
export async function buildEditor(log: (line: string) => void): Promise<string> {
  const out = await mkdtemp(join(tmpdir(), 'blockgraph-bench-dist-'));
  log(`editor: building the production bundle into ${out}…`);
  await run('npx', ['vite', 'build', '--outDir', out, '--emptyOutDir', '--logLevel', 'error'], {
    maxBuffer: 16 * 1024 * 1024,
  });
  return out;
}

export async function removeBuild(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/**
 * The JavaScript a first visit downloads: the entry script and the modules index.html preloads,
 * each gzipped (level 9, as a static server would serve it), summed.
 */
export async function initialJsGzip(dist: string): Promise<{ files: number; raw_bytes: number; gzip_bytes: number }> {
  const html = await readFile(join(dist, 'index.html'), 'utf8');
  const paths = [
    ...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
  ].map((m) => m[1] ?? '');
  let raw = 0;
  let gzip = 0;
  for (const path of paths) {
    const bytes = await readFile(join(dist, path.replace(/^\.?\//, '')));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  if (paths.length === 0) throw new Error(`no script in ${join(dist, 'index.html')}`);
  return { files: paths.length, raw_bytes: raw, gzip_bytes: gzip };
}

/** Serves `dir` on a free local port (static files; index.html for `/`). */
async function serve(dir: string): Promise<{ url: string; server: Server }> {
  const files = new Set(await listFiles(dir));
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^\/+/, '');
    const file = files.has(path) ? path : 'index.html';
    readFile(join(dir, file)).then(
      (body) => {
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
        res.end(body);
      },
      () => {
        res.writeHead(404).end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/`, server };
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(join(dir, prefix), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) =>
      e.isDirectory() ? listFiles(dir, join(prefix, e.name)) : Promise.resolve([join(prefix, e.name)]),
    ),
  );
  return nested.flat();
}

/**
 * Opens the editor on a share link of the document and returns the milliseconds from navigation
 * start to the first frame drawn after every node of the document is on the canvas.
 */
async function firstRender(page: Page, url: string, nodeCount: number): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  return page.evaluate<number>(WAIT_FOR_NODES.replace('EXPECTED', String(nodeCount)));
}

/**
 * Drags one node across the canvas in 60 pointer moves and returns the time between consecutive
 * animation frames during the drag (what a user sees as smoothness).
 */
async function dragFrames(page: Page): Promise<number[]> {
  const index = await page.evaluate<number>(VISIBLE_NODE);
  if (index < 0) throw new Error('no block node is on screen to drag');
  const node = page.locator('.react-flow__node-block').nth(index);
  const box = await node.boundingBox();
  if (box === null) throw new Error('no block node on the canvas to drag');
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.evaluate(START_FRAMES);
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 60; i++) await page.mouse.move(x + i * 4, y + i * 2);
  await page.mouse.up();
  const frames = await page.evaluate<number[]>(STOP_FRAMES);
  const after = await node.boundingBox();
  if (after === null || Math.abs(after.x - box.x) < 100) throw new Error('the drag did not move the node');
  return frames.slice(1).map((t, i) => t - (frames[i] ?? t));
}

/** What the editor benchmarks report. */
export interface EditorResults {
  render: Stats;
  /** Frame times over all drags: median and p95 of the deltas. */
  drag: Stats & { frames: number };
}

/** First render (fresh page each time) and drag frame times of a `nodes`-node document in headless Chromium. */
export async function benchEditor(
  dist: string,
  runs: number,
  log: (line: string) => void,
  nodes = EDITOR_NODES,
): Promise<EditorResults> {
  const doc = generateNodes(nodes, { depth: EDITOR_DEPTH });
  const fragment = shareFragment(doc);
  const { url, server } = await serve(dist);
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch(CHROMIUM_LAUNCH);
    const renders: number[] = [];
    const deltas: number[] = [];
    const count = Object.keys(doc.nodes).length + Object.keys(doc.frontends).length + Object.keys(doc.objects).length;
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      log(`editor: run ${String(i + 1)}/${String(runs)}: opening ${String(nodes)} nodes…`);
      renders.push(await firstRender(page, `${url}#doc=${fragment}`, count));
      deltas.push(...(await dragFrames(page)));
      await context.close();
    }
    return { render: summarise(renders), drag: { ...summarise(deltas), frames: deltas.length } };
  } finally {
    await browser?.close();
    server.close();
  }
}

export { round };
