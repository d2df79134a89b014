import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiMarkdown, permissionsMarkdown } from '../../scripts/gen-docs';

describe('docs/api.md', () => {
  it('is generated from the contract as it is now (run `npm run docs` after changing a method)', () => {
    expect(readFileSync(resolve(__dirname, '../../docs/api.md'), 'utf8')).toBe(apiMarkdown());
  });
});

describe('docs/permissions.md', () => {
  it('is generated from the spec as it is now (run `npm run docs` after changing who may call a method)', () => {
    expect(readFileSync(resolve(__dirname, '../../docs/permissions.md'), 'utf8')).toBe(permissionsMarkdown());
  });
});
