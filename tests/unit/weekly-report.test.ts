/** The weekly report's figures (src/domain/weekly-report.ts, R-TRK-3): per consultant, a shared deal for each; in total, once. */
import { expect, it } from 'vitest';
import { weeklyCounts } from '../../src/domain/weekly-report';

it('counts calls, visits and deals per consultant and in total', () => {
  const consultants = [
    { id: 'zhang', name: '张伟' },
    { id: 'li', name: '李娜' },
    { id: 'wang', name: '王强' },
  ];
  const calls = [{ consultant_id: 'li' }, { consultant_id: 'li' }, { consultant_id: null }];
  const visits = [{ consultant_id: 'zhang' }, { consultant_id: 'li' }, { consultant_id: 'zhang' }];
  const deals = [{ consultants: ['zhang', 'li'] }, { consultants: ['zhang'] }, { consultants: [] }];
  expect(weeklyCounts(consultants, calls, visits, deals)).toEqual({
    perConsultant: [
      { id: 'zhang', name: '张伟', calls: 0, visits: 2, deals: 2 },
      { id: 'li', name: '李娜', calls: 2, visits: 1, deals: 1 },
      { id: 'wang', name: '王强', calls: 0, visits: 0, deals: 0 },
    ],
    totals: { calls: 3, visits: 3, deals: 3 },
  });
});
