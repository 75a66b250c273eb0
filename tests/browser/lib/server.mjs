// A tiny static file server for a built site, on 127.0.0.1 at a port the OS chooses.
// Directories serve their index.html ("/dir" redirects to "/dir/" like most static hosts);
// a missing file is answered with the site's 404.html (status 404) when it has one.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
  '.gz': 'application/gzip',
};

export function contentType(file) {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

// Maps a URL path to a file under root, or null when it would leave root.
export function fileForUrlPath(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  const rootResolved = path.resolve(root);
  if (file !== rootResolved && !file.startsWith(rootResolved + path.sep)) return null;
  return file;
}

function isFile(p) {
  try { return fs.statSync(p).isFile(); } catch { return false; }
}
function isDir(p) {
  try { return fs.statSync(p).isDirectory(); } catch { return false; }
}

export function startServer(root) {
  root = path.resolve(root);
  const server = http.createServer((req, res) => {
    const send = (status, file, headers = {}) => {
      const body = file ? fs.readFileSync(file) : Buffer.from(`${status}\n`);
      res.writeHead(status, {
        'Content-Type': file ? contentType(file) : 'text/plain; charset=utf-8',
        'Content-Length': body.length,
        'Cache-Control': 'no-store',
        ...headers,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, null, { Allow: 'GET, HEAD' });
    const url = new URL(req.url, 'http://127.0.0.1');
    const file = fileForUrlPath(root, url.pathname);
    if (file && isFile(file)) return send(200, file);
    if (file && isDir(file)) {
      if (!url.pathname.endsWith('/')) return send(301, null, { Location: url.pathname + '/' + url.search });
      const index = path.join(file, 'index.html');
      if (isFile(index)) return send(200, index);
    }
    const notFound = path.join(root, '404.html');
    return send(404, isFile(notFound) ? notFound : null);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        origin: `http://127.0.0.1:${port}`,
        close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
      });
    });
  });
}

// `node lib/server.mjs SITE_DIR` serves a site by hand, for looking at it in a browser.
if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.argv[2];
  if (!root) { console.error('usage: node lib/server.mjs SITE_DIR'); process.exit(2); }
  const s = await startServer(root);
  console.log(`serving ${root} at ${s.origin}/ (Ctrl-C stops)`);
}
