/** Writes docs/api.md and docs/permissions.md from the spec, so the documented API is the one that runs. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { can, type MethodName, spec } from '../src/api/spec';
import { ROLE_LABELS, ROLES } from '../src/domain/roles';

export function apiMarkdown(): string {
  const lines = [
    '# Salesdesk API (generated from src/api/spec — do not edit; `npm run docs`)',
    '',
    'Every user action is one method. Electron calls `window.salesdesk.call(method, input)`; web mode `POST /api/<method>` with a JSON body;',
    'the replayer and tests call `dispatch`. Every answer is `{ok: true, value}` or `{ok: false, error: {code, message}}`,',
    'code one of `validation`, `permission`, `conflict`, `not_found`, `invalid_state`, message in Chinese.',
    '',
    '| method | who may call | kind | what it does |',
    '|---|---|---|---|',
  ];
  for (const [name, def] of Object.entries(spec)) {
    const roles = def.roles === 'public' ? '任何人 (public)' : def.roles.map((r) => `${ROLE_LABELS[r]} \`${r}\``).join(', ');
    lines.push(`| \`${name}\` | ${roles} | ${def.kind} | ${def.summary} |`);
  }
  lines.push('', '## Input schemas', '');
  for (const [name, def] of Object.entries(spec)) {
    lines.push(
      `### \`${name}\``,
      '',
      '```json',
      JSON.stringify(z.toJSONSchema(def.input, { unrepresentable: 'any', io: 'input' }), null, 1),
      '```',
      '',
    );
  }
  return lines.join('\n');
}

/** Who may call what: the permission matrix, generated from the same spec dispatch enforces. */
export function permissionsMarkdown(): string {
  const roles = ROLES;
  const lines = [
    '# Permission matrix (generated from src/api/spec — do not edit; `npm run docs`)',
    '',
    "Every method checks the acting person's roles in `src/services/dispatch.ts` before it reads its input;",
    'This table is written by `can()` of the spec; `tests/integration/permissions.test.ts` calls every method as nobody and as every',
    "single-role person and checks dispatch refuses exactly where `can()` says no; `permission-matrix.test.ts` checks it against the rulebook's own table.",
    'Some methods add finer checks on top (a consultant sets only their own lunch/present, finishes only their own reception).',
    '',
    `| method | ${roles.map((r) => `${ROLE_LABELS[r]}<br>\`${r}\``).join(' | ')} |`,
    `|---|${roles.map(() => ':-:').join('|')}|`,
  ];
  for (const name of Object.keys(spec) as MethodName[]) {
    const allowed = (r: (typeof ROLES)[number]) => can({ roles: [r] }, name);
    lines.push(`| \`${name}\` | ${roles.map((r) => (allowed(r) ? '✓' : '—')).join(' | ')} |`);
  }
  lines.push('', '✓ allowed · — refused with `permission`. Public methods (sign-in picker, first run) need no sign-in.', '');
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]).endsWith('gen-docs.ts')) {
  writeFileSync(resolve('docs/api.md'), apiMarkdown());
  writeFileSync(resolve('docs/permissions.md'), permissionsMarkdown());
  console.log('docs/api.md and docs/permissions.md written');
}
