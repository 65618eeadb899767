'use strict';
/**
 * An HTTP proxy on 127.0.0.1 (random port) in front of a fake org (fake-org.cjs) that damages the
 * answers to the requests a rule matches, the way a broken network or a proxy's error page does.
 * Every request is forwarded to the org first (so the org's request log stays whole), then the
 * answer is passed on or damaged. Node built-ins only.
 *
 *   const { startDamagingProxy } = require('./support/damaging-proxy.cjs');
 *   const proxy = await startDamagingProxy(org.url);
 *   proxy.damage({ match: /FROM\s+LoginHistory/, kind: 'html' });
 *   // proxy.url, proxy.hits (requests damaged: { target, kind }), proxy.requests (every target)
 *   await proxy.close();
 *
 * A rule's `match` is tested against the request's decoded path and query (a RegExp, a string that
 * must equal it, or a function); `times` limits how often it applies. Kinds (DAMAGE_KINDS):
 *   html      200 with an HTML page (a proxy's or a captive portal's error page)
 *   garble    the org's answer cut in half: a 200 whose body is not JSON
 *   shape     200 with JSON of the wrong shape ({"status":"ok"}: no records, no fields)
 *   error500  500 with a Salesforce error body (UNKNOWN_EXCEPTION)
 *   reset     the headers and half the body, then the connection is reset (TCP RST)
 *   close     the headers and half the body, then the connection is closed (FIN)
 *   hang      the headers, then nothing: the body never comes
 */
const http = require('node:http');

const DAMAGE_KINDS = Object.freeze(['html', 'garble', 'shape', 'error500', 'reset', 'close', 'hang']);

const HTML_PAGE =
  '<!DOCTYPE html>\n<html><head><title>503 Service Unavailable</title></head>\n' +
  '<body><h1>Service Unavailable</h1><p>The proxy could not reach the server.</p></body></html>\n';
const SALESFORCE_500 = JSON.stringify([
  { message: 'An unexpected error occurred', errorCode: 'UNKNOWN_EXCEPTION' }
]);
const WRONG_SHAPE = JSON.stringify({ status: 'ok' });

function targetOf(req) {
  try {
    return decodeURIComponent(req.url);
  } catch {
    return req.url;
  }
}

function matches(rule, target) {
  if (rule.match instanceof RegExp) {
    rule.match.lastIndex = 0;
    return rule.match.test(target);
  }
  if (typeof rule.match === 'function') return Boolean(rule.match(target));
  return target === rule.match;
}

/** Forwards the request to the org and resolves with its status, headers and whole body. */
function forward(upstream, req, body) {
  return new Promise((resolve, reject) => {
    // Joined as text: a path such as //services/... (which @salesforce/core sends) stays a path.
    const out = http.request(
      `${upstream.replace(/\/+$/, '')}${req.url}`,
      { method: req.method, headers: { ...req.headers, connection: 'close' } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) })
        );
        res.on('error', reject);
      }
    );
    out.on('error', reject);
    out.end(body);
  });
}

/**
 * Starts the proxy in front of `upstream` (the fake org's url). Rules can be given here or later
 * with damage(); clear() removes them.
 */
async function startDamagingProxy(upstream, rules = []) {
  let active = rules.map((r) => ({ ...r, used: 0 }));
  const hits = [];
  const requests = [];
  const sockets = new Set();

  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const target = targetOf(req);
      requests.push(target);
      const rule = active.find(
        (r) => (typeof r.times !== 'number' || r.used < r.times) && matches(r, target)
      );
      let answer;
      try {
        answer = await forward(upstream, req, Buffer.concat(chunks));
      } catch (error) {
        res.writeHead(502, { 'Content-Type': 'text/plain' });
        res.end(`the proxy could not reach the org: ${error.message}`);
        return;
      }
      const headers = { ...answer.headers };
      const type = headers['content-type'] ?? 'application/json';
      delete headers['content-type'];
      delete headers['content-length'];
      delete headers['transfer-encoding'];
      delete headers.connection;
      if (!rule) {
        res.writeHead(answer.status, {
          ...headers,
          'Content-Type': type,
          'Content-Length': answer.body.length
        });
        res.end(answer.body);
        return;
      }
      rule.used += 1;
      hits.push({ target, kind: rule.kind });
      const send = (status, type, text) => {
        const body = Buffer.from(text, 'utf8');
        res.writeHead(status, { ...headers, 'Content-Type': type, 'Content-Length': body.length });
        res.end(body);
      };
      const half = answer.body.subarray(0, Math.floor(answer.body.length / 2));
      switch (rule.kind) {
        case 'html':
          return send(200, 'text/html; charset=utf-8', HTML_PAGE);
        case 'garble':
          return send(200, type, half.toString('utf8'));
        case 'shape':
          return send(200, 'application/json;charset=UTF-8', WRONG_SHAPE);
        case 'error500':
          return send(500, 'application/json;charset=UTF-8', SALESFORCE_500);
        case 'reset':
        case 'close':
          res.writeHead(answer.status, {
            ...headers,
            'Content-Type': type,
            'Content-Length': answer.body.length
          });
          res.write(half);
          // Long enough for the headers to arrive: the failure comes while the body is read.
          setTimeout(() => {
            if (rule.kind === 'reset') res.socket?.resetAndDestroy();
            else res.socket?.destroy();
          }, 30);
          return undefined;
        case 'hang':
          res.writeHead(answer.status, {
            ...headers,
            'Content-Type': type,
            'Content-Length': answer.body.length
          });
          res.flushHeaders();
          return undefined; // the body never comes; close() ends the socket
        default:
          return send(500, 'text/plain', `unknown damage kind ${rule.kind}`);
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address();
  let closed = null;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    hits,
    requests,
    /** Adds a rule: { match, kind, times }. */
    damage(rule) {
      if (!DAMAGE_KINDS.includes(rule.kind)) throw new Error(`unknown damage kind ${rule.kind}`);
      active.push({ ...rule, used: 0 });
    },
    clear() {
      active = [];
    },
    close() {
      if (!closed) {
        closed = new Promise((resolve) => {
          server.close(() => resolve());
          for (const socket of sockets) socket.destroy();
        });
      }
      return closed;
    }
  };
}

module.exports = { startDamagingProxy, DAMAGE_KINDS, HTML_PAGE, SALESFORCE_500, WRONG_SHAPE };
