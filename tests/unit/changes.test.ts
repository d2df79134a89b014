/** src/api/changes: every method that can change something says which areas, and names only real methods and areas. */
import { describe, expect, it } from 'vitest';
import { AREAS, areasChangedBy, CHANGES } from '../../src/api/changes';
import { spec } from '../../src/api/spec';

const kinds = Object.entries(spec).map(([name, def]) => [name, def.kind] as const);

describe('src/api/changes', () => {
  it.each(kinds.filter(([, kind]) => kind !== 'read'))('%s (%s) names the areas it changes', (name) => {
    const areas = areasChangedBy(name);
    expect(areas.length).toBeGreaterThan(0);
    for (const area of areas) expect(AREAS).toContain(area);
  });

  it('every entry is a method of the spec that is not a read, listed once per area', () => {
    for (const [name, areas] of Object.entries(CHANGES)) {
      expect(Object.hasOwn(spec, name), `${name} is no method`).toBe(true);
      expect(spec[name as keyof typeof spec].kind, name).not.toBe('read');
      expect(new Set(areas).size, name).toBe(areas.length);
    }
  });

  it('a read, and a name that is no method, change nothing', () => {
    expect(areasChangedBy('roster.today')).toEqual([]);
    expect(areasChangedBy('__proto__')).toEqual([]);
    expect(areasChangedBy('no.such')).toEqual([]);
  });
});
