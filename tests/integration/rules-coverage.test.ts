import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('docs/rules-coverage.md', () => {
  it('lists every rule id of the rulebook', () => {
    const rulebook = readFileSync(resolve(__dirname, '../../../shared/rules.md'), 'utf8');
    const coverage = readFileSync(resolve(__dirname, '../../docs/rules-coverage.md'), 'utf8');
    const ids = [...new Set(rulebook.match(/\*\*(R-[A-Z]+-\d+)\*\*/g)!.map((m) => m.replace(/\*/g, '')))];
    expect(ids.length).toBe(49); // ROS 13, OWN 14, CO 5, REF 5, COM 5, DIS 2, TRK 3, SEC 2
    const missing = ids.filter((id) => !new RegExp(`\\| ${id} `).test(coverage));
    expect(missing).toEqual([]);
  });
});
