#!/usr/bin/env node
// Builds the realm import sets from the one storezero realm and its variants, so that a shared setting is written once
// (realm-export/storezero-realm.json) and only what differs between dev and production lives in a variant.
//
//   node runner/realm-variants.mjs [--from realm-export] OUT
//
// writes OUT/simulated/{facebook-realm.json,storezero-realm.json}   ./storezero start (STOREZERO_FACEBOOK=simulated)
//        OUT/real/storezero-realm.json                             STOREZERO_FACEBOOK=real, the cluster, the image
// A variant (realm-export/variants/NAME.json) is a JSON Merge Patch (RFC 7386) of the storezero realm: objects merge
// recursively, any other value (arrays included) replaces, null deletes. The output keeps the realm's key order
// (keys a variant adds come last), so the same sources always give the same bytes.
// Exit status: 0 written, 2 a source is missing or unreadable, or a variant is unknown (the file and the reason on
// stderr). The Maven build (server/pom.xml) and ./storezero run this file; nothing else merges realms.

import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The import sets: the runner's STOREZERO_FACEBOOK value, the variant of the storezero realm, the realms beside it. */
export const SETS = {
  simulated: { variant: 'simulated-facebook', alongside: ['facebook-realm.json'] },
  real: { variant: 'facebook', alongside: [] },
};

const REALM = 'storezero-realm.json';

export class RealmVariantError extends Error {
  constructor(file, reason) {
    super(`${file}: ${reason}`);
    this.file = file;
  }
}

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/** RFC 7386 MergePatch(target, patch); returns a new value and leaves both arguments as they were. */
export function mergePatch(target, patch) {
  if (!isObject(patch)) return structuredClone(patch);
  const result = isObject(target) ? structuredClone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

function readJson(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new RealmVariantError(file, error.code === 'ENOENT' ? 'missing' : `unreadable (${error.code ?? error.message})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RealmVariantError(file, `not valid JSON (${error.message})`);
  }
}

/** The import sets as {set: {fileName: realm}}, from the folder that holds the realm, its variants and the others. */
export function buildSets(from) {
  const realmFile = join(from, REALM);
  const realm = readJson(realmFile);
  if (!isObject(realm)) throw new RealmVariantError(realmFile, 'a realm must be a JSON object');
  const variantsDir = join(from, 'variants');
  const known = new Set(Object.values(SETS).map((set) => `${set.variant}.json`));
  let present = [];
  try {
    present = readdirSync(variantsDir).filter((name) => name.endsWith('.json'));
  } catch {
    // No variants folder: each set's own check below names the missing file.
  }
  for (const name of present) {
    if (!known.has(name)) {
      throw new RealmVariantError(join(variantsDir, name), `unknown variant (known: ${[...known].join(', ')}); a new one needs a set in runner/realm-variants.mjs`);
    }
  }
  const sets = {};
  for (const [set, { variant, alongside }] of Object.entries(SETS)) {
    const variantFile = join(variantsDir, `${variant}.json`);
    const patch = readJson(variantFile);
    if (!isObject(patch)) throw new RealmVariantError(variantFile, 'a variant must be a JSON object (a merge patch of the realm)');
    const files = {};
    for (const name of alongside) files[name] = readJson(join(from, name));
    files[REALM] = mergePatch(realm, patch);
    sets[set] = files;
  }
  return sets;
}

/** Writes every set under out, each file through a temporary name so that a reader never sees half a realm. */
export function writeSets(sets, out) {
  for (const [set, files] of Object.entries(sets)) {
    const dir = join(out, set);
    mkdirSync(dir, { recursive: true });
    // A realm dropped from the sources must not stay importable from an earlier run.
    for (const stale of readdirSync(dir).filter((name) => name.endsWith('.json') && !(name in files))) {
      rmSync(join(dir, stale));
    }
    for (const [name, realm] of Object.entries(files)) {
      const target = join(dir, name);
      writeFileSync(`${target}.tmp`, `${JSON.stringify(realm, null, 2)}\n`);
      renameSync(`${target}.tmp`, target);
    }
  }
}

function main(args) {
  let from = resolve(fileURLToPath(new URL('../realm-export', import.meta.url)));
  if (args[0] === '--from') {
    from = resolve(args[1] ?? '');
    args = args.slice(2);
  }
  if (args.length !== 1) {
    process.stderr.write('usage: node runner/realm-variants.mjs [--from DIR] OUT\n');
    return 2;
  }
  try {
    writeSets(buildSets(from), resolve(args[0]));
    return 0;
  } catch (error) {
    if (!(error instanceof RealmVariantError)) throw error;
    process.stderr.write(`realm-variants: ${error.message}\n`);
    return 2;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
