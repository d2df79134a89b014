import { describe, expect, it } from 'vitest';
import { openApp } from '../../src/app';
import { fillDemo } from '../../src/cli/demo';
import { ManualClock } from '../../src/domain/clock';

describe('salesdesk demo', () => {
  it('fills a week of a realistic office through the API, every reception registered and judged by the rules', async () => {
    const first = new Date('2026-03-02T08:00:00');
    const clock = new ManualClock(first);
    const app = await openApp({ dbPath: ':memory:', clock });
    try {
      const { visits, deals } = await fillDemo(app, clock, first, 7);
      const raw = app.handle.raw;
      expect(visits).toBeGreaterThan(50);
      expect(raw.prepare('SELECT count(*) n FROM visits').get()).toEqual({ n: visits });
      expect(raw.prepare('SELECT count(*) n FROM rosters').get()).toEqual({ n: 7 });
      expect((raw.prepare('SELECT count(*) n FROM registrations').get() as { n: number }).n).toBeGreaterThanOrEqual(visits);
      expect((raw.prepare("SELECT count(DISTINCT reception) n FROM visits").get() as { n: number }).n).toBeGreaterThanOrEqual(2);
      expect((raw.prepare('SELECT count(*) n FROM deals').get() as { n: number }).n).toBe(deals);
      // every visit of the week is decided by the PM
      expect(raw.prepare('SELECT count(*) n FROM registrations r WHERE NOT EXISTS (SELECT 1 FROM registration_decisions d WHERE d.registration_id = r.id)').get()).toEqual({ n: 0 });
      const st = (await app.dispatch({ staffId: 'dir' }, 'statement.month', { month: '2026-03' })).result as any;
      expect(st.ok).toBe(true);
      expect(st.value.deals.length + st.value.unresolved.length).toBe(deals);
    } finally {
      await app.close();
    }
  });
});
