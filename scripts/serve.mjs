// A tiny static file server for the built site, used by the end-to-end tests and the benchmark.
// It serves a folder under a path prefix (as a newsroom CMS would), so relative asset URLs are proven:
// anything outside the prefix and any missing file is a 404 — never a fallback to index.html. Text is sent
// gzip-compressed to clients that accept it, as a CDN would.
//
// CLI:  node scripts/serve.mjs --dir dist --prefix /news/kursk/ --port 4173 [--host 127.0.0.1] [--cors]
//                              [--header "Name: value"]...
// API:  const { url, close } = await startServer({ dir, prefix, port, host, headers, cors });

import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** Content types by file extension (lower case, with the dot). */
const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json',
  '.topojson': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pbf': 'application/x-protobuf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/**
 * @typedef {object} ServerOptions
 * @property {string} dir Folder to serve (relative to the working directory or absolute).
 * @property {string} [prefix] URL path prefix the folder is mounted at, e.g. "/news/kursk/" (default "/").
 * @property {number} [port] Port to listen on; 0 picks a free one (default 4173).
 * @property {string} [host] Interface to bind (default "127.0.0.1").
 * @property {Record<string, string>} [headers] Extra headers added to every response (e.g. a CSP).
 * @property {boolean} [cors] Add `Access-Control-Allow-Origin: *` to every response.
 */

/**
 * @typedef {object} RunningServer
 * @property {string} url Base URL of the served folder, ending in the prefix, e.g. "http://127.0.0.1:4173/news/kursk/".
 * @property {() => Promise<void>} close Stops the server.
 */

/**
 * Normalises a prefix to start and end with "/".
 * @param {string} prefix
 * @returns {string}
 */
function normalizePrefix(prefix) {
  let normalized = prefix.trim();
  if (!normalized.startsWith('/')) normalized = '/' + normalized;
  if (!normalized.endsWith('/')) normalized += '/';
  return normalized;
}

/** Content types sent compressed. */
const COMPRESSIBLE = /^(text\/|application\/(javascript|json|geo\+json|manifest\+json)|image\/svg\+xml)/;
/** Each file's gzip body, by path and modification time. */
const gzipCache = new Map();

/**
 * A file's body, gzip-compressed (level 6, as servers commonly use), cached until the file changes.
 * @param {string} file
 * @param {number} mtimeMs
 * @returns {Promise<Buffer>}
 */
async function gzipped(file, mtimeMs) {
  const key = `${file}:${mtimeMs}`;
  let body = gzipCache.get(key);
  if (!body) {
    body = gzipSync(await readFile(file), { level: 6 });
    gzipCache.set(key, body);
  }
  return body;
}

/**
 * Starts a static server. Rejects when `dir` is not a folder or the port is taken.
 * @param {ServerOptions} options
 * @returns {Promise<RunningServer>}
 */
export async function startServer({ dir, prefix = '/', port = 4173, host = '127.0.0.1', headers = {}, cors = false }) {
  const root = path.resolve(dir);
  const rootStat = await stat(root).catch(() => null);
  if (!rootStat?.isDirectory()) {
    throw new Error(`serve: ${root} is not a folder (did you run "npm run build"?)`);
  }
  const mount = normalizePrefix(prefix);

  /** @type {Record<string, string>} */
  const commonHeaders = { 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff', ...headers };
  if (cors) commonHeaders['Access-Control-Allow-Origin'] = '*';

  const server = createServer((request, response) => {
    handle(request, response).catch((error) => {
      console.error('serve: internal error', error);
      if (!response.headersSent) send(response, 500, 'Internal Server Error');
      else response.destroy();
    });
  });

  /**
   * @param {import('node:http').ServerResponse} response
   * @param {number} status
   * @param {string} body
   * @param {Record<string, string>} [extra]
   */
  function send(response, status, body, extra = {}) {
    response.writeHead(status, { ...commonHeaders, 'Content-Type': 'text/plain; charset=utf-8', ...extra });
    response.end(response.req.method === 'HEAD' ? undefined : body + '\n');
  }

  /**
   * @param {import('node:http').IncomingMessage} request
   * @param {import('node:http').ServerResponse} response
   */
  async function handle(request, response) {
    if (request.method === 'OPTIONS' && cors) {
      response.writeHead(204, {
        ...commonHeaders,
        'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
        'Access-Control-Allow-Headers': '*',
      });
      response.end();
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
      return;
    }

    const requestUrl = new URL(request.url ?? '/', 'http://localhost');
    let pathname;
    try {
      pathname = decodeURIComponent(requestUrl.pathname);
    } catch {
      send(response, 400, 'Bad Request');
      return;
    }
    if (pathname.includes('\0')) {
      send(response, 400, 'Bad Request');
      return;
    }
    // The mount point itself without its trailing slash: redirect, so relative URLs resolve inside the prefix.
    if (pathname + '/' === mount) {
      redirect(response, mount + requestUrl.search);
      return;
    }
    if (!pathname.startsWith(mount)) {
      send(response, 404, 'Not Found');
      return;
    }

    const relative = pathname.slice(mount.length);
    const filePath = path.resolve(root, '.' + path.posix.sep + relative);
    if (filePath !== root && !filePath.startsWith(root + path.sep)) {
      send(response, 404, 'Not Found');
      return;
    }

    let target = filePath;
    let info = await stat(target).catch(() => null);
    if (info?.isDirectory()) {
      if (!pathname.endsWith('/')) {
        redirect(response, requestUrl.pathname + '/' + requestUrl.search);
        return;
      }
      target = path.join(target, 'index.html');
      info = await stat(target).catch(() => null);
    }
    if (!info?.isFile()) {
      send(response, 404, 'Not Found');
      return;
    }

    const type = CONTENT_TYPES[/** @type {keyof typeof CONTENT_TYPES} */ (path.extname(target).toLowerCase())];
    // Text goes gzip-compressed to clients that take it, as from any CDN.
    if (type && COMPRESSIBLE.test(type) && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
      const body = await gzipped(target, info.mtimeMs);
      response.writeHead(200, {
        ...commonHeaders,
        'Content-Type': type,
        'Content-Encoding': 'gzip',
        Vary: 'Accept-Encoding',
        'Content-Length': String(body.length),
      });
      response.end(request.method === 'HEAD' ? undefined : body);
      return;
    }
    response.writeHead(200, {
      ...commonHeaders,
      'Content-Type': type ?? 'application/octet-stream',
      'Content-Length': String(info.size),
    });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    createReadStream(target)
      .on('error', () => response.destroy())
      .pipe(response);
  }

  /**
   * @param {import('node:http').ServerResponse} response
   * @param {string} location
   */
  function redirect(response, location) {
    response.writeHead(301, { ...commonHeaders, Location: location, 'Content-Type': 'text/plain; charset=utf-8' });
    response.end();
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(undefined);
    });
  });

  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${actualPort}${mount}`,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/**
 * Parses the command line. Unknown options are an error, so typos do not pass silently.
 * @param {string[]} argv
 * @returns {ServerOptions}
 */
function parseArgs(argv) {
  /** @type {ServerOptions} */
  const options = { dir: 'dist', prefix: '/', port: 4173, host: '127.0.0.1', headers: {}, cors: false };
  /** @param {number} index */
  const valueAt = (index) => {
    const value = argv[index];
    if (value === undefined) throw new Error(`serve: ${argv[index - 1]} needs a value`);
    return value;
  };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    switch (arg) {
      case '--dir':
        options.dir = valueAt(++index);
        break;
      case '--prefix':
        options.prefix = valueAt(++index);
        break;
      case '--port': {
        const port = Number(valueAt(++index));
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`serve: bad --port ${argv[index]}`);
        options.port = port;
        break;
      }
      case '--host':
        options.host = valueAt(++index);
        break;
      case '--cors':
        options.cors = true;
        break;
      case '--header': {
        const header = valueAt(++index);
        const colon = header.indexOf(':');
        if (colon <= 0) throw new Error(`serve: --header must look like "Name: value", got "${header}"`);
        /** @type {Record<string, string>} */ (options.headers)[header.slice(0, colon).trim()] = header
          .slice(colon + 1)
          .trim();
        break;
      }
      case '--help':
      case '-h':
        console.log(
          'usage: node scripts/serve.mjs --dir dist --prefix /news/kursk/ --port 4173 [--host 127.0.0.1] [--cors] [--header "Name: value"]...',
        );
        process.exit(0);
        break;
      default:
        throw new Error(`serve: unknown option ${arg}`);
    }
  }
  return options;
}

const invokedDirectly =
  process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  try {
    const { url, close } = await startServer(parseArgs(process.argv.slice(2)));
    console.log(`serve: listening on ${url}`);
    const stop = () => {
      close().finally(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
