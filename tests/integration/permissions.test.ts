import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spec as contract } from '../../src/api/spec';
import { ROLES } from '../../src/domain/roles';
import { permissionsMarkdown } from '../../scripts/gen-docs';
import { testApp, type TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ at: '2026-05-08T09:00:00' });
  // one person per role, holding that role alone
  for (const role of ROLES) await t.ok('dir', 'staff.create', { id: `only_${role}`, name: `只有${role}`, roles: [role] });
});
afterAll(async () => {
  await t.close();
});

describe('the permission matrix', () => {
  it('docs/permissions.md is generated from the contract as it is now', () => {
    expect(readFileSync(resolve(__dirname, '../../docs/permissions.md'), 'utf8')).toBe(permissionsMarkdown());
  });

  // Reads the matrix back from the document, so the test checks what the office is told.
  const doc = readFileSync(resolve(__dirname, '../../docs/permissions.md'), 'utf8');
  const rows = new Map(
    doc
      .split('\n')
      .filter((l) => l.startsWith('| `'))
      .map((l) => {
        const cells = l.split('|').map((c) => c.trim());
        return [cells[1]!.replace(/`/g, ''), cells.slice(2, 2 + ROLES.length)] as const;
      }),
  );

  it('lists every method of the contract', () => {
    expect([...rows.keys()].sort()).toEqual(Object.keys(contract).sort());
  });

  for (const name of Object.keys(contract)) {
    it(`${name}: every role allowed or refused exactly as the matrix says`, async () => {
      const row = rows.get(name)!;
      for (const [i, role] of ROLES.entries()) {
        const r = (await t.app.dispatch({ staffId: `only_${role}` }, name, {})).result;
        const refused = !r.ok && r.error.code === 'permission';
        expect(refused, `${name} as ${role}: ${r.ok ? 'ok' : `${r.error.code} ${r.error.message}`}`).toBe(row[i] === '—');
      }
    });
  }
});
