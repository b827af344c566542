// The realm merge (runner/realm-variants.mjs) on its own: the RFC 7386 rules the variants rely on, and the errors an
// operator who mistypes a realm or a variant sees. Run by the server module's build (node --test).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { mergePatch } from './realm-variants.mjs';

const SCRIPT = fileURLToPath(new URL('./realm-variants.mjs', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'realm-variants-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

describe('mergePatch (RFC 7386)', () => {
  test('merges nested objects, keeping the target keys the patch does not name', () => {
    const realm = { realm: 'storezero', attributes: { a: '1', b: '2' } };
    assert.deepEqual(mergePatch(realm, { attributes: { b: '3', c: '4' } }), { realm: 'storezero', attributes: { a: '1', b: '3', c: '4' } });
  });

  test('replaces an array as a whole, never element by element', () => {
    const realm = { identityProviders: [{ alias: 'facebook', providerId: 'oidc', config: { issuer: 'x' } }] };
    assert.deepEqual(mergePatch(realm, { identityProviders: [{ alias: 'facebook', providerId: 'facebook' }] }),
      { identityProviders: [{ alias: 'facebook', providerId: 'facebook' }] });
  });

  test('deletes a key whose patch value is null, at any depth, and ignores null for a key that is absent', () => {
    const realm = { users: [{ username: 'alice' }], smtpServer: { host: 'localhost', port: '25' } };
    assert.deepEqual(mergePatch(realm, { users: null, smtpServer: { host: null }, missing: null }), { smtpServer: { port: '25' } });
  });

  test('replaces a scalar, and an object by a scalar or a scalar by an object', () => {
    assert.deepEqual(mergePatch({ a: 'x', b: { c: 1 }, d: 2 }, { a: 'y', b: 'flat', d: { e: 3 } }), { a: 'y', b: 'flat', d: { e: 3 } });
  });

  test('keeps the target key order, appends new keys, and leaves its arguments untouched', () => {
    const realm = { realm: 'storezero', clients: [], attributes: { a: '1' } };
    const patch = { identityProviders: [{ alias: 'facebook' }], realm: 'renamed' };
    const merged = mergePatch(realm, patch);
    assert.deepEqual(Object.keys(merged), ['realm', 'clients', 'attributes', 'identityProviders']);
    assert.deepEqual(realm, { realm: 'storezero', clients: [], attributes: { a: '1' } });
    merged.identityProviders[0].alias = 'changed';
    assert.equal(patch.identityProviders[0].alias, 'facebook');
  });
});

/** A realm-export folder of its own: the realm, the simulated Facebook realm, both variants (overridable). */
function sources(name, overrides = {}) {
  const dir = join(scratch, name);
  mkdirSync(join(dir, 'variants'), { recursive: true });
  const files = {
    'storezero-realm.json': JSON.stringify({ realm: 'storezero', enabled: true, clients: [{ clientId: 'spa' }] }),
    'facebook-realm.json': JSON.stringify({ realm: 'facebook', users: [{ username: 'alice' }] }),
    'variants/simulated-facebook.json': JSON.stringify({ identityProviders: [{ alias: 'facebook', providerId: 'oidc' }] }),
    'variants/facebook.json': JSON.stringify({ identityProviders: [{ alias: 'facebook', providerId: 'facebook' }] }),
    ...overrides,
  };
  for (const [file, text] of Object.entries(files)) {
    if (text !== undefined) writeFileSync(join(dir, file), text);
  }
  return dir;
}

function run(from, out) {
  return spawnSync(process.execPath, [SCRIPT, '--from', from, out], { encoding: 'utf8' });
}

describe('node runner/realm-variants.mjs', () => {
  test('writes the simulated set (both realms) and the real set (the storezero realm alone), the same bytes every run', () => {
    const from = sources('good');
    const out = join(scratch, 'good-out');
    execFileSync(process.execPath, [SCRIPT, '--from', from, out]);
    assert.deepEqual(readdirSync(join(out, 'simulated')).sort(), ['facebook-realm.json', 'storezero-realm.json']);
    assert.deepEqual(readdirSync(join(out, 'real')), ['storezero-realm.json']);
    const real = readFileSync(join(out, 'real', 'storezero-realm.json'), 'utf8');
    assert.deepEqual(JSON.parse(real), { realm: 'storezero', enabled: true, clients: [{ clientId: 'spa' }], identityProviders: [{ alias: 'facebook', providerId: 'facebook' }] });
    assert.equal(JSON.parse(readFileSync(join(out, 'simulated', 'storezero-realm.json'), 'utf8')).identityProviders[0].providerId, 'oidc');

    execFileSync(process.execPath, [SCRIPT, '--from', from, out]);
    assert.equal(readFileSync(join(out, 'real', 'storezero-realm.json'), 'utf8'), real);
  });

  test('removes a realm an earlier run wrote that the sources no longer give', () => {
    const out = join(scratch, 'stale-out');
    mkdirSync(join(out, 'real'), { recursive: true });
    writeFileSync(join(out, 'real', 'facebook-realm.json'), '{}');
    execFileSync(process.execPath, [SCRIPT, '--from', sources('stale'), out]);
    assert.deepEqual(readdirSync(join(out, 'real')), ['storezero-realm.json']);
  });

  const failures = [
    ['a realm that is not JSON', { 'storezero-realm.json': '{ "realm": "storezero", }' }, 'storezero-realm.json: not valid JSON'],
    ['a variant that is not JSON', { 'variants/facebook.json': '{ identityProviders: [] }' }, 'facebook.json: not valid JSON'],
    ['a variant that is not an object', { 'variants/facebook.json': '[]' }, 'facebook.json: a variant must be a JSON object'],
    ['an unknown variant', { 'variants/facebok.json': '{}' }, 'facebok.json: unknown variant'],
    ['a missing variant', { 'variants/simulated-facebook.json': undefined }, 'simulated-facebook.json: missing'],
  ];
  for (const [what, overrides, message] of failures) {
    test(`refuses ${what}, naming the file and the reason, and writes nothing`, () => {
      const name = what.replaceAll(' ', '-');
      const out = join(scratch, `${name}-out`);
      const result = run(sources(name, overrides), out);
      assert.equal(result.status, 2, result.stderr);
      assert.match(result.stderr, new RegExp(`${join(scratch, name).replaceAll('.', '\\.')}/.*${message.replaceAll('.', '\\.')}`));
      assert.throws(() => readdirSync(out), { code: 'ENOENT' });
    });
  }
});
