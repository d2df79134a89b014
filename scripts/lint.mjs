#!/usr/bin/env node
/**
 * `npm run lint`: ESLint (the layers' import zones, eslint.config.mjs) and Prettier's check, side by side on
 * the two cores instead of one after the other, each keeping a cache of what it found unchanged in
 * node_modules/.cache (by content, so an edited file is always checked again; a changed config checks all).
 * A cold run on the 2-core development machine took 51 s one after the other; `npm test` lints once per engine
 * in CI, and the second run reads the caches. Fails when either fails; both always finish and print.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', name, 'bin');
const checks = [
  [
    'eslint',
    [
      path.join(bin('eslint'), 'eslint.js'),
      '--cache',
      '--cache-strategy',
      'content',
      '--cache-location',
      'node_modules/.cache/eslint/',
      '.',
    ],
  ],
  [
    'prettier',
    [path.join(bin('prettier'), 'prettier.cjs'), '--check', '--cache', '--cache-strategy', 'content', '--log-level', 'warn', '.'],
  ],
];
const codes = await Promise.all(
  checks.map(
    ([name, args]) =>
      new Promise((done) => {
        const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
        child.on('error', (e) => (console.error(`${name}: ${e.message}`), done(1)));
        child.on('exit', (code, signal) => {
          if (code !== 0) console.error(`${name} failed (${signal ?? `exit ${code}`})`);
          done(code ?? 1);
        });
      }),
  ),
);
process.exit(codes.some((c) => c !== 0) ? 1 : 0);
