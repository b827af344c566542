// The Storezero server: the built SPA, its public configuration, and the orders API.
import path from 'node:path';
import express from 'express';
import { CATALOG, product } from './catalog.js';
import { InvalidToken, bearerToken, ownerOf, tokenVerifier } from './tokens.js';

const EMAIL = /^[^\s@<>]{1,64}@[^\s@<>]{1,255}$/;

export function createApp(config, store) {
  const verifyToken = tokenVerifier(config);
  const caller = { clientId: config.spa.clientId, ownerClaim: config.ownerClaim };
  // A valid signature is not enough: the token must also be the SPA's and name its user (see ownerOf).
  const verify = async (token) => {
    const claims = await verifyToken(token);
    return { claims, owner: ownerOf(claims, caller) };
  };
  const app = express();
  app.disable('x-powered-by');

  app.use((req, res, next) => {
    res.set({
      'Content-Security-Policy': [
        "default-src 'self'",
        `connect-src 'self' ${config.spa.keycloakOrigin}`,
        `frame-src ${config.spa.keycloakOrigin}`,
        "img-src 'self' data: https: http:",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'none'",
      ].join('; '),
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
    });
    next();
  });

  app.get('/config.json', (req, res) => res.json(config.spa));
  app.get('/api/health', (req, res) => res.json({ status: 'UP' }));
  app.get('/api/catalog', (req, res) => res.json(CATALOG));

  // Guests and logged-in users alike; a token, if sent, must be valid (no silent downgrade to guest).
  app.post('/api/orders', express.json({ limit: '16kb' }), async (req, res, next) => {
    try {
      const token = bearerToken(req);
      const { claims, owner = null } = token === undefined ? {} : await verify(token);
      const order = validateOrder(req.body, claims);
      res.status(201).json(store.place({ ...order, owner }));
    } catch (e) {
      next(e);
    }
  });

  // The caller's own orders only.
  app.get('/api/orders', async (req, res, next) => {
    try {
      const token = bearerToken(req);
      if (token === undefined) throw new InvalidToken('Log in to see your orders');
      const { owner } = await verify(token);
      res.json(store.listFor(owner));
    } catch (e) {
      next(e);
    }
  });

  app.use('/api', (req, res) => res.status(404).json({ error: 'not_found', error_description: `No API at ${req.method} ${req.originalUrl}` }));
  // The SPA's own routes all load the same page.
  app.get(['/cart', '/checkout', '/account'], (req, res) => res.sendFile(path.join(config.staticDir, 'index.html')));
  app.use(express.static(config.staticDir, { index: 'index.html', maxAge: 0 }));
  // Anything else (e.g. a stale link): a plain page under the same headers, and a way back to the shop.
  app.use((req, res) => res.status(404).type('html').send('<!DOCTYPE html><title>Not found</title><p>Nothing here. <a href="/">Back to the shop</a></p>'));

  app.use((err, req, res, next) => {
    if (err instanceof InvalidToken) {
      res.set('WWW-Authenticate', `Bearer realm="storezero", error="invalid_token", error_description="${err.message}"`);
      return res.status(401).json({ error: 'invalid_token', error_description: err.message });
    }
    if (err instanceof BadRequest || err.type === 'entity.parse.failed' || err.type === 'entity.too.large') {
      return res.status(err.status ?? 400).json({ error: 'invalid_request', error_description: err instanceof BadRequest ? err.message : 'The body must be a JSON order of at most 16 kB' });
    }
    console.error('unexpected error', err.message);
    return res.status(500).json({ error: 'server_error', error_description: 'Something went wrong' });
  });

  return app;
}

export class BadRequest extends Error {
  constructor(message) {
    super(message);
    this.status = 400;
  }
}

/** A well-formed order, or a BadRequest saying what is wrong. */
export function validateOrder(body, claims) {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new BadRequest('The body must be a JSON object');
  const { items } = body;
  if (!Array.isArray(items) || items.length === 0 || items.length > 20) throw new BadRequest('items must list 1 to 20 products');
  const seen = new Set();
  const lines = items.map((item, i) => {
    const p = item && typeof item === 'object' ? product(item.sku) : undefined;
    if (p === undefined) throw new BadRequest(`items[${i}].sku is not a product of the catalog`);
    if (!Number.isInteger(item.quantity) || item.quantity < 1 || item.quantity > 99) throw new BadRequest(`items[${i}].quantity must be a whole number from 1 to 99`);
    if (seen.has(p.sku)) throw new BadRequest(`items[${i}].sku appears twice`);
    seen.add(p.sku);
    return { sku: p.sku, name: p.name, quantity: item.quantity, priceCents: p.priceCents };
  });
  const email = claims?.email ?? body.email;
  if (typeof email !== 'string' || !EMAIL.test(email)) throw new BadRequest('email must be an e-mail address (guests give one at checkout)');
  return { email, items: lines, totalCents: lines.reduce((sum, l) => sum + l.priceCents * l.quantity, 0) };
}
