/**
 * The desk's notices (issue 17 item 12) as the domain decides them — src/domain/desk-notices.ts — and in words
 * (renderer/components/DeskNotices.tsx durationText, renderer/i18n/areas/notices.ts), both languages.
 */
import { describe, expect, it } from 'vitest';
import { longReceptions, servedFromWaiting, type OpenReceptionFact } from '../../src/domain/desk-notices';
import type { RosterEvent } from '../../src/domain/roster';
import { translate, type MessageKey, type Params } from '../../renderer/i18n';
import { durationText } from '../../renderer/components/DeskNotices';

const now = new Date('2026-03-16T03:00:00Z');
const since = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();
const open = (visitId: number, minutesAgo: number): OpenReceptionFact => ({
  visitId,
  consultant: `c${visitId}`,
  reception: 'roster',
  since: since(minutesAgo),
});

describe('longReceptions: open at least the policy limit at now', () => {
  it.each([
    { name: 'one minute short', minutesAgo: 119, limit: 120, long: false },
    { name: 'exactly the limit', minutesAgo: 120, limit: 120, long: true },
    { name: 'past it', minutesAgo: 125, limit: 120, long: true },
    { name: 'past 2 h but under a 3 h policy', minutesAgo: 125, limit: 180, long: false },
    { name: 'seconds do not round up', minutesAgo: 119.99, limit: 120, long: false },
  ])('$name', ({ minutesAgo, limit, long }) => {
    expect(longReceptions([open(1, minutesAgo)], now, limit).length).toBe(long ? 1 : 0);
  });

  it('says how many whole minutes, longest first', () => {
    expect(longReceptions([open(1, 130), open(2, 200), open(3, 10)], now, 120).map((r) => [r.visitId, r.minutes])).toEqual([
      [2, 200],
      [1, 130],
    ]);
  });
});

describe('servedFromWaiting: a waiting customer the roster gave to someone, while that reception is open', () => {
  const events: RosterEvent[] = [
    { type: 'started', order: ['zhang', 'li'] },
    { type: 'assigned', visitId: 1, consultant: 'zhang', reception: 'roster', turnUsed: true, lostTurns: [] },
    { type: 'queued', customer: { name: '孙丽', phone: '13800000004', source: 'walk_in', since: since(30) } },
    { type: 'assigned', visitId: 2, consultant: 'zhang', reception: 'roster', turnUsed: true, lostTurns: [], waitId: 1 },
    { type: 'assigned', visitId: 3, consultant: 'li', reception: 'roster', turnUsed: true, lostTurns: [], waitId: 2 },
  ];
  it('names only assignments from the waiting list, each with whoever receives it now', () => {
    // visit 1 was a direct walk-in; visit 3 is finished; visit 2 was handed over to li since
    expect(
      servedFromWaiting(
        events,
        new Map([
          [1, 'zhang'],
          [2, 'li'],
        ]),
      ),
    ).toEqual([{ waitId: 1, visitId: 2, consultant: 'li' }]);
  });
  it('names nothing once every such reception ended', () => {
    expect(servedFromWaiting(events, new Map([[1, 'zhang']]))).toEqual([]);
  });
});

describe('the words', () => {
  const t = (lang: 'zh-CN' | 'en') => (key: MessageKey, params?: Params) => translate(key, params, lang);
  it.each([
    [125, '2小时5分钟', '2 hours 5 minutes'],
    [120, '2小时', '2 hours'],
    [61, '1小时1分钟', '1 hour 1 minute'],
    [15, '15分钟', '15 minutes'],
  ])('%i minutes read %s / %s', (minutes, zh, en) => {
    expect(durationText(t('zh-CN'), minutes)).toBe(zh);
    expect(durationText(t('en'), minutes)).toBe(en);
  });
  it('a long reception reads in both languages, no Chinese in English', () => {
    const params = { consultant: 'Li Na', customer: 'Wu Min', duration: '2 hours 5 minutes', time: '09:00', limit: '2 hours' };
    expect(translate('notice.long', params, 'en')).toBe(
      'Li Na has been receiving Wu Min for 2 hours 5 minutes (since 09:00, over 2 hours): if the customer has left, finish the reception',
    );
    expect(translate('notice.served', { customer: '孙丽', consultant: '张伟', time: '09:30' }, 'zh-CN')).toBe(
      '等候的客户孙丽已自动分配给张伟（09:30），请带客户过去',
    );
    expect(translate('notice.served', { customer: 'Sun Li', consultant: 'Zhang Wei', time: '09:30' }, 'en')).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
