/**
 * npm start: builds the preview (after npm run build) and serves it on 127.0.0.1:$PORT (default 4173).
 * The page: dist/preview; SLDS: @salesforce-ux/design-system's assets. Other paths get the page, so
 * the card's link to the console tab stays inside the preview.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { buildPreview, OUT, sizeText } from './build.mjs';

const require = createRequire(import.meta.url);
const SLDS = path.join(path.dirname(require.resolve('@salesforce-ux/design-system/package.json')), 'assets');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.png': 'image/png'
};

/** Files read once per change (by mtime): their body, gzipped body and ETag. */
const cache = new Map();

function load(file) {
  const stat = fs.statSync(file);
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return hit;
  const body = fs.readFileSync(file);
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  const entry = {
    mtimeMs: stat.mtimeMs,
    size: stat.size,
    body,
    type,
    gzip: /^(text|image\/svg)/.test(type) ? zlib.gzipSync(body) : null,
    etag: `"${crypto.createHash('sha1').update(body).digest('base64url')}"`
  };
  cache.set(file, entry);
  return entry;
}

/**
 * Sends a file with an ETag: the page and the bundle are revalidated on every load (no-cache: a
 * rebuilt bundle is seen at once) and answered 304 when unchanged, so a reload does not download
 * 4 MB again; SLDS's assets never change, so they are cached for a day. Gzipped when asked for.
 */
function send(req, res, file, { immutable = false } = {}) {
  let entry;
  try {
    entry = load(file);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
    return;
  }
  const headers = {
    'content-type': entry.type,
    'cache-control': immutable ? 'public, max-age=86400' : 'no-cache',
    etag: entry.etag,
    vary: 'accept-encoding'
  };
  if (req.headers['if-none-match'] === entry.etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const gzip = entry.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  if (gzip) headers['content-encoding'] = 'gzip';
  const body = gzip ? entry.gzip : entry.body;
  headers['content-length'] = body.length;
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** Serves the built preview; resolves with the server and its URL once listening. */
export function serve(port = Number(process.env.PORT ?? 4173)) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const pathname = decodeURIComponent(url.pathname);
    if (pathname.startsWith('/assets/')) {
      const file = path.join(SLDS, path.normalize(pathname.slice('/assets/'.length)));
      if (!file.startsWith(SLDS + path.sep)) return send(req, res, '');
      return send(req, res, file, { immutable: true });
    }
    if (pathname === '/app.js') return send(req, res, path.join(OUT, 'app.js'));
    return send(req, res, path.join(OUT, 'index.html'));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      resolve({ server, url: `http://127.0.0.1:${actual}/` });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const started = Date.now();
    process.stdout.write(
      'preview: bundling the components and the demo data (about 30 s on a first run)...\n'
    );
    // A heartbeat, so a slow first bundle never looks like a hang.
    const beat = setInterval(() => {
      process.stdout.write(`preview: still bundling (${Math.round((Date.now() - started) / 1000)} s)\n`);
    }, 5000);
    let built;
    try {
      built = await buildPreview();
    } finally {
      clearInterval(beat);
    }
    const { warnings } = built;
    process.stdout.write(
      `preview: bundled in ${((Date.now() - started) / 1000).toFixed(1)} s: app.js ${sizeText(built)}, minified, served with an ETag\n`
    );
    for (const w of warnings) process.stderr.write(`preview build warning: ${w}\n`);
    const { url } = await serve();
    process.stdout.write(`preview: open ${url} (demo org data; a reload starts over; Ctrl+C to stop)\n`);
  } catch (error) {
    process.stderr.write(`preview: ${error.message}\n`);
    process.exit(1);
  }
}
