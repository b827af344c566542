// Access-token validation for the orders API: signature against the realm's JWKS (fetched and cached
// by jose), issuer, audience, expiry. Nothing else is trusted.
import { createRemoteJWKSet, jwtVerify } from 'jose';

export class InvalidToken extends Error {}

export function tokenVerifier({ issuer, audience, jwksUrl }) {
  const keys = createRemoteJWKSet(new URL(jwksUrl), { cacheMaxAge: 10 * 60 * 1000, cooldownDuration: 30 * 1000 });
  return async function verify(token) {
    try {
      const { payload } = await jwtVerify(token, keys, { issuer, audience, algorithms: ['RS256'], clockTolerance: 5 });
      return payload;
    } catch (e) {
      throw new InvalidToken(e.code === 'ERR_JWT_EXPIRED' ? 'The access token expired' : 'The access token is invalid');
    }
  };
}

/**
 * Who the verified token speaks for: the owner key of their orders. The token must come from the SPA (azp), so a
 * token another client of the realm obtained for this audience is not taken as a shopper's; and it must name its user
 * (ownerClaim, else sub) with a non-blank string. Without that check every token lacking both claims was keyed as
 * "undefined": one bucket of orders shared by all such callers.
 */
export function ownerOf(claims, { clientId, ownerClaim }) {
  if (claims.azp !== clientId) throw new InvalidToken(`The access token was not issued to ${clientId}`);
  const upstream = claims[ownerClaim];
  const owner = upstream === undefined ? claims.sub : upstream;
  if (typeof owner !== 'string' || owner.trim() === '') throw new InvalidToken('The access token names no user');
  return owner;
}

/** The bearer token of a request, undefined without an Authorization header, or an InvalidToken error. */
export function bearerToken(req) {
  const header = req.get('authorization');
  if (header === undefined) return undefined;
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header);
  if (!match) throw new InvalidToken('The Authorization header must be "Bearer <access token>"');
  return match[1];
}
