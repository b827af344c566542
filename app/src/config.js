// Everything the server reads from its environment, with the demo's defaults.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export function configFrom(env = process.env) {
  const keycloakUrl = (env.KEYCLOAK_URL ?? 'http://localhost:8080').replace(/\/$/, '');
  const realm = env.STOREZERO_REALM ?? 'storezero';
  const issuer = `${keycloakUrl}/realms/${realm}`;
  return {
    host: env.HOST ?? '127.0.0.1',
    port: Number(env.PORT ?? 3000),
    dbFile: env.ORDERS_DB ?? path.join(here, '..', 'data', 'orders.sqlite'),
    staticDir: env.STATIC_DIR ?? path.join(here, '..', 'dist'),
    issuer,
    jwksUrl: env.JWKS_URL ?? `${issuer}/protocol/openid-connect/certs`,
    // The audience the realm's storezero-spa client puts in its access tokens for this API.
    audience: env.ORDERS_API_AUDIENCE ?? 'https://api.storezero.io/orders',
    // Orders are keyed like Auth0 keyed them ("facebook|10157..."); users without one fall back to sub.
    ownerClaim: env.ORDERS_OWNER_CLAIM ?? 'upstream_user_id',
    // What the SPA needs to know, served as /config.json.
    spa: {
      issuer,
      auth0Domain: `${issuer}/auth0`,
      clientId: env.STOREZERO_CLIENT_ID ?? 'storezero-spa',
      keycloakOrigin: new URL(keycloakUrl).origin,
    },
  };
}
