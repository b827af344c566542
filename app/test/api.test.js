// The orders API over real HTTP, with tokens signed by a throw-away issuer whose JWKS is served on loopback.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { createApp } from '../src/app.js';
import { configFrom } from '../src/config.js';
import { OrdersStore } from '../src/orders.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'storezero-api-'));
const dbFile = path.join(dir, 'orders.sqlite');
let issuerServer, appServer, base, store, keys, strangerKeys, config;

function listen(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`)));
}

async function start() {
  store = new OrdersStore(dbFile);
  appServer = http.createServer(createApp(config, store));
  base = await listen(appServer);
}

async function stop() {
  await new Promise((resolve) => appServer.close(resolve));
  store.close();
}

before(async () => {
  keys = await generateKeyPair('RS256');
  strangerKeys = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  issuerServer = http.createServer((req, res) => {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  const issuerBase = await listen(issuerServer);
  config = configFrom({ KEYCLOAK_URL: issuerBase, ORDERS_DB: dbFile, ORDERS_API_AUDIENCE: 'storezero-orders-api' });
  await start();
});

after(async () => {
  await stop();
  issuerServer.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

// Like a Keycloak access token of the SPA: azp is the client that asked for it. sub: null leaves the claim out.
function token({ sub = 'kc-user-1001', upstream, azp = 'storezero-spa', email = 'alice@example.org', aud = 'storezero-orders-api', iss = config.issuer, exp = '5m', key = keys.privateKey } = {}) {
  const claims = { email, ...(upstream !== undefined ? { upstream_user_id: upstream } : {}), ...(sub !== null ? { sub } : {}), ...(azp !== null ? { azp } : {}) };
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(iss).setAudience(aud).setIssuedAt().setExpirationTime(exp).sign(key);
}

async function call(method, url, { body, bearer, raw } = {}) {
  const headers = {};
  if (body !== undefined || raw !== undefined) headers['Content-Type'] = 'application/json';
  if (bearer !== undefined) headers.Authorization = `Bearer ${bearer}`;
  const res = await fetch(base + url, { method, headers, body: raw ?? (body === undefined ? undefined : JSON.stringify(body)) });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

const order = { items: [{ sku: 'SZ-MUG', quantity: 2 }, { sku: 'SZ-TEE', quantity: 1 }] };

test('a guest checks out with an e-mail address and no token', async () => {
  const res = await call('POST', '/api/orders', { body: { ...order, email: 'guest@example.org' } });
  assert.equal(res.status, 201);
  assert.equal(res.body.guest, true);
  assert.equal(res.body.totalCents, 2 * 1200 + 1900);
  assert.match(res.body.id, /^SZ-[0-9A-F]{8}$/);
});

test('a logged-in user orders and lists only their own orders', async () => {
  const alice = await token();
  const bob = await token({ sub: 'facebook|2002', email: 'bob@example.org' });
  const placed = await call('POST', '/api/orders', { body: order, bearer: alice });
  assert.equal(placed.status, 201);
  assert.equal(placed.body.email, 'alice@example.org');
  await call('POST', '/api/orders', { body: order, bearer: bob });

  const mine = await call('GET', '/api/orders', { bearer: alice });
  assert.equal(mine.status, 200);
  assert.deepEqual(mine.body.map((o) => o.id), [placed.body.id]);
});

test('malformed orders get a clear 400 and change nothing', async () => {
  const before = store.count();
  const cases = [
    { raw: '{"items": [' },
    { body: [] },
    { body: { items: [], email: 'g@example.org' } },
    { body: { items: [{ sku: 'NOPE', quantity: 1 }], email: 'g@example.org' } },
    { body: { items: [{ sku: 'SZ-MUG', quantity: 0 }], email: 'g@example.org' } },
    { body: { items: [{ sku: 'SZ-MUG', quantity: 1.5 }], email: 'g@example.org' } },
    { body: { items: [{ sku: 'SZ-MUG', quantity: 1 }, { sku: 'SZ-MUG', quantity: 1 }], email: 'g@example.org' } },
    { body: { items: [{ sku: 'SZ-MUG', quantity: 1 }] } },
    { body: { items: [{ sku: 'SZ-MUG', quantity: 1 }], email: 'not an address' } },
    { raw: JSON.stringify({ items: [{ sku: 'SZ-MUG', quantity: 1 }], email: 'g@example.org', pad: 'x'.repeat(20000) }) },
  ];
  for (const c of cases) {
    const res = await call('POST', '/api/orders', c);
    assert.equal(res.status, c.raw?.length > 16000 ? 413 : 400, JSON.stringify(c).slice(0, 80));
    assert.equal(res.body.error, 'invalid_request');
    assert.ok(res.body.error_description.length > 0);
  }
  assert.equal(store.count(), before);
});

test('listing orders needs a valid access token: 401 with WWW-Authenticate otherwise', async () => {
  const bad = [
    undefined,
    'garbage',
    await token({ exp: Math.floor(Date.now() / 1000) - 60 }),
    await token({ aud: 'another-api' }),
    await token({ iss: 'http://localhost:9999/realms/other' }),
    await token({ key: strangerKeys.privateKey }),
  ];
  for (const bearer of bad) {
    const res = await call('GET', '/api/orders', { bearer });
    assert.equal(res.status, 401, String(bearer).slice(0, 20));
    assert.equal(res.body.error, 'invalid_token');
    assert.match(res.headers.get('www-authenticate'), /^Bearer realm="storezero", error="invalid_token"/);
  }
  const expired = await call('GET', '/api/orders', { bearer: bad[2] });
  assert.equal(expired.body.error_description, 'The access token expired');
});

test('an order with an invalid token is refused, not downgraded to a guest order', async () => {
  const before = store.count();
  const res = await call('POST', '/api/orders', { body: { ...order, email: 'g@example.org' }, bearer: await token({ aud: 'x' }) });
  assert.equal(res.status, 401);
  assert.equal(store.count(), before);
});

test('orders are keyed by the upstream user id when the token carries one, as Auth0 keyed them', async () => {
  const first = await token({ sub: 'kc-user-1', upstream: 'facebook|10157' });
  const placed = await call('POST', '/api/orders', { body: order, bearer: first });
  // The same Facebook user behind a different Keycloak user id (e.g. after a re-import) sees the same orders.
  const again = await call('GET', '/api/orders', { bearer: await token({ sub: 'kc-user-2', upstream: 'facebook|10157' }) });
  assert.deepEqual(again.body.map((o) => o.id), [placed.body.id]);
  const other = await call('GET', '/api/orders', { bearer: await token({ sub: 'kc-user-1' }) });
  assert.deepEqual(other.body, []);
});

test('a valid signature is not enough: a token that names no user or is not the SPA\'s gets 401 and changes nothing', async () => {
  const refused = {
    'no upstream_user_id and no sub': await token({ sub: null }),
    'an empty sub': await token({ sub: '' }),
    'a blank sub': await token({ sub: '  ' }),
    'an empty upstream_user_id': await token({ upstream: '' }),
    'a numeric upstream_user_id': await token({ upstream: 10157 }),
    'a numeric sub': await token({ sub: 42 }),
    'the azp of another client': await token({ azp: 'storezero-broker' }),
    'no azp': await token({ azp: null }),
  };
  const before = store.count();
  for (const [what, bearer] of Object.entries(refused)) {
    for (const [method, body] of [['GET', undefined], ['POST', { ...order, email: 'g@example.org' }]]) {
      const res = await call(method, '/api/orders', { bearer, body });
      assert.equal(res.status, 401, `${method} with ${what}`);
      assert.equal(res.body.error, 'invalid_token', `${method} with ${what}`);
      assert.match(res.headers.get('www-authenticate'), /^Bearer realm="storezero", error="invalid_token", error_description="[^"]+"$/, `${method} with ${what}`);
    }
  }
  assert.equal(store.count(), before);
});

test('two callers whose tokens name no user do not share one bucket of orders', async () => {
  // Before the fix both were keyed "undefined": the second saw the first one's order.
  await call('POST', '/api/orders', { body: order, bearer: await token({ sub: null, email: 'first@example.org' }) });
  const second = await call('GET', '/api/orders', { bearer: await token({ sub: null, email: 'second@example.org' }) });
  assert.equal(second.status, 401);
  assert.equal(store.listFor('undefined').length, 0);
});

test('a good token of the SPA still lists and places orders', async () => {
  const good = await token({ sub: 'kc-user-good', upstream: 'facebook|777' });
  const placed = await call('POST', '/api/orders', { body: order, bearer: good });
  assert.equal(placed.status, 201);
  const mine = await call('GET', '/api/orders', { bearer: good });
  assert.equal(mine.status, 200);
  assert.deepEqual(mine.body.map((o) => o.id), [placed.body.id]);
});

test('orders survive a restart of the server', async () => {
  const alice = await token({ sub: 'facebook|3003' });
  const placed = await call('POST', '/api/orders', { body: order, bearer: alice });
  await stop();
  await start();
  const mine = await call('GET', '/api/orders', { bearer: alice });
  assert.deepEqual(mine.body.map((o) => o.id), [placed.body.id]);
});

test('unknown pages are a plain 404 that keeps the app\'s security headers', async () => {
  const res = await fetch(`${base}/callback?code=abc`);
  assert.equal(res.status, 404);
  assert.match(res.headers.get('content-security-policy'), /connect-src 'self' http:\/\/127\.0\.0\.1:\d+/);
  assert.match(res.headers.get('content-security-policy'), /frame-ancestors 'none'/);
  assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
});
