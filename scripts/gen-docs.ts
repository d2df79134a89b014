/** Writes docs/api.md from the contract, so the documented API is the one that runs. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { contract } from '../src/api/contract';
import { ROLE_LABELS } from '../src/domain/roles';

export function apiMarkdown(): string {
  const lines = [
    '# Salesdesk API (generated from src/api/contract.ts — do not edit; `npm run docs`)',
    '',
    'Every user action is one method. Electron calls `window.salesdesk.call(method, input)`; web mode `POST /api/<method>` with a JSON body;',
    'the replayer and tests call `dispatch`. Every answer is `{ok: true, value}` or `{ok: false, error: {code, message}}`,',
    'code one of `validation`, `permission`, `conflict`, `not_found`, `invalid_state`, message in Chinese.',
    '',
    '| method | who may call | writes | what it does |',
    '|---|---|---|---|',
  ];
  for (const [name, def] of Object.entries(contract)) {
    const roles = def.roles === 'public' ? '任何人 (public)' : def.roles.map((r) => `${ROLE_LABELS[r]} \`${r}\``).join(', ');
    lines.push(`| \`${name}\` | ${roles} | ${def.write ? 'yes' : 'no'} | ${def.summary} |`);
  }
  lines.push('', '## Input schemas', '');
  for (const [name, def] of Object.entries(contract)) {
    lines.push(`### \`${name}\``, '', '```json', JSON.stringify(z.toJSONSchema(def.input, { unrepresentable: 'any', io: 'input' }), null, 1), '```', '');
  }
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]).endsWith('gen-docs.ts')) {
  writeFileSync(resolve('docs/api.md'), apiMarkdown());
  console.log('docs/api.md written');
}
