#!/usr/bin/env node
// Checks realms on a running Keycloak for the password-grant bypass of advisory SZ-2026-01 (CHANGELOG.md): an
// enabled client with direct access grants whose direct grant flow validates no credential, so that a user name
// alone buys tokens. Read-only; uses the admin REST API.
//
//   node runner/check-realms.mjs REALM...
//
// Environment: KEYCLOAK_URL (default http://localhost:8080), KC_BOOTSTRAP_ADMIN_USERNAME / KC_BOOTSTRAP_ADMIN_PASSWORD
// (an admin of the master realm; default admin / admin), STOREZERO_CHECK_FIX (the command to print on failure).
// Exit status: 0 every realm is safe, 1 at least one realm is open (each finding on stderr), 2 the check could not run.

const baseUrl = (process.env.KEYCLOAK_URL ?? 'http://localhost:8080').replace(/\/$/, '');
const realms = process.argv.slice(2);

// Steps that make a direct grant authenticate the user, when REQUIRED at the top level of the flow.
const CREDENTIAL_STEPS = new Set(['direct-grant-validate-password', 'direct-grant-auth-x509-username', 'deny-access-authenticator']);

async function adminToken() {
  const response = await fetch(`${baseUrl}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'admin-cli',
      username: process.env.KC_BOOTSTRAP_ADMIN_USERNAME ?? 'admin',
      password: process.env.KC_BOOTSTRAP_ADMIN_PASSWORD ?? 'admin',
    }),
  });
  if (!response.ok) throw new Error(`admin login at ${baseUrl} failed with HTTP ${response.status}`);
  return (await response.json()).access_token;
}

async function get(token, path) {
  const response = await fetch(`${baseUrl}/admin/realms${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET /admin/realms${path} answered HTTP ${response.status}`);
  return response.json();
}

/** True when the flow's top level has a REQUIRED step that authenticates the user. */
async function flowChecksCredentials(token, realm, flowId, flows) {
  const flow = flows.find((f) => f.id === flowId || f.alias === flowId);
  if (!flow) return false;
  const executions = await get(token, `/${encodeURIComponent(realm)}/authentication/flows/${encodeURIComponent(flow.alias)}/executions`);
  return executions.some((e) => e.level === 0 && e.requirement === 'REQUIRED' && CREDENTIAL_STEPS.has(e.providerId));
}

/** The findings for one realm: each an enabled client whose password grant would not check a credential. */
async function findings(token, realm) {
  const representation = await get(token, `/${encodeURIComponent(realm)}`);
  const flows = await get(token, `/${encodeURIComponent(realm)}/authentication/flows`);
  const clients = await get(token, `/${encodeURIComponent(realm)}/clients`);
  const found = [];
  const verdicts = new Map();
  for (const client of clients) {
    if (!client.enabled || !client.directAccessGrantsEnabled) continue;
    const flow = client.authenticationFlowBindingOverrides?.direct_grant ?? representation.directGrantFlow;
    if (!verdicts.has(flow)) verdicts.set(flow, await flowChecksCredentials(token, realm, flow, flows));
    if (!verdicts.get(flow)) {
      const name = flows.find((f) => f.id === flow || f.alias === flow)?.alias ?? flow;
      found.push(`realm '${realm}': client '${client.clientId}' has direct access grants on, and its direct grant flow '${name}' checks no password`);
    }
  }
  return found;
}

async function main() {
  if (realms.length === 0) {
    console.error('usage: node runner/check-realms.mjs REALM...');
    return 2;
  }
  let token;
  try {
    token = await adminToken();
  } catch (e) {
    console.error(`[check-realms] cannot check: ${e.message}`);
    return 2;
  }
  const all = [];
  for (const realm of realms) {
    try {
      all.push(...(await findings(token, realm)));
    } catch (e) {
      console.error(`[check-realms] cannot check realm '${realm}': ${e.message}`);
      return 2;
    }
  }
  if (all.length === 0) {
    console.log(`[check-realms] no password-grant bypass in: ${realms.join(', ')}`);
    return 0;
  }
  for (const finding of all) console.error(`[check-realms] OPEN: ${finding}`);
  console.error('[check-realms] A user name alone gets tokens from these realms (advisory SZ-2026-01, CHANGELOG.md).');
  if (process.env.STOREZERO_CHECK_FIX) console.error(`[check-realms] Fix: ${process.env.STOREZERO_CHECK_FIX}`);
  return 1;
}

process.exitCode = await main();
