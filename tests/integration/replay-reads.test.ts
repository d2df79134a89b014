/**
 * The replayer's own reads (src/db/replay.ts), on this run's engine: the fingerprint an `expectError` step is
 * checked with changes with a column of a row and with a row more, and not with a read; the grade, visit time,
 * notice count and staff ids are the facts the `grade`, `flags`, `notices` checks and the staff seeding read
 * (a notice counted: own 23's `notices`).
 */
import { expect, it } from 'vitest';
import { databaseFingerprint, gradeAt, noticeCount, staffIds, visitAt } from '../../src/db/replay';
import { replayOnEngine } from '../support/engine';

const SCENARIO = `name: replay reads
policy: {}
staff:
  - { id: zhang, name: 张伟, roles: [consultant] }
  - { id: li, name: 李娜, roles: [consultant] }
  - { id: qian, name: 钱敏, roles: [front_desk] }
  - { id: mgr, name: 陈静, roles: [sales_manager] }
  - { id: pm, name: 刘强, roles: [project_manager] }
steps:
  - { at: 2026-06-01T09:00, as: mgr, do: roster.start, order: [zhang, li] }
  - at: 2026-06-01T10:00
    as: qian
    do: desk.walkIn
    customer: { name: 孟浩, phone: "13911110001" }
    ref: v1
    customerRef: meng
  - { at: 2026-06-01T10:30, as: pm, do: registration.confirm, visit: v1 }
  - { at: 2026-06-01T11:00, as: zhang, do: followUp.log, customer: meng, channel: phone, content: 约看房, grade: B }
  - { at: 2026-06-01T12:00, as: zhang, do: followUp.log, customer: meng, channel: phone, content: 再约, grade: A }
`;

it('the scenario replays clean', async () => {
  const report = await replayOnEngine(SCENARIO);
  expect(report.steps.filter((s) => !s.ok)).toEqual([]);
});

it('reads a replayed office: fingerprint, grade, visit time, notices, staff', async () => {
  let checked = false;
  const report = await replayOnEngine(SCENARIO, async (app) => {
    const db = app.db;
    const customer = (await db.selectFrom('customers').select('id').executeTakeFirstOrThrow()).id;
    const visit = (await db.selectFrom('visits').select(['id', 'at']).executeTakeFirstOrThrow()) as { id: number; at: string };
    expect([...(await staffIds(db))].sort()).toEqual(['li', 'mgr', 'pm', 'qian', 'zhang']);
    expect(await gradeAt(db, customer, '2026-06-01T03:30:00.000Z')).toBe('B'); // 11:30 office time: the first follow-up only
    expect(await gradeAt(db, customer, '2026-06-01T05:00:00.000Z')).toBe('A');
    expect(await gradeAt(db, customer, '2026-06-01T02:00:00.000Z')).toBeNull();
    expect(new Date((await visitAt(db, visit.id))!).toISOString()).toBe('2026-06-01T02:00:00.000Z');
    expect(await visitAt(db, visit.id + 999)).toBeUndefined();
    expect(await noticeCount(db, 'zhang', '2026-06-02T00:00:00.000Z')).toBe(0);

    const before = await databaseFingerprint(db);
    expect(await databaseFingerprint(db)).toBe(before); // reading changes nothing
    expect((await app.dispatch({ staffId: 'zhang' }, 'grades.labels', {})).result.ok).toBe(true);
    expect(await databaseFingerprint(db)).toBe(before); // nor does a read through the API
    await db.updateTable('grade_labels').set({ label: '重点' }).where('grade', '=', 'A').execute();
    const relabelled = await databaseFingerprint(db);
    expect(relabelled).not.toBe(before); // a write: one column of one row
    // a follow-up more: a row more
    await db
      .insertInto('follow_ups')
      .values({
        ...(await db.selectFrom('follow_ups').selectAll().where('grade', '=', 'A').executeTakeFirstOrThrow()),
        id: undefined as never,
      })
      .execute();
    expect(await databaseFingerprint(db)).not.toBe(relabelled);
    checked = true;
  });
  expect(report.steps.filter((s) => !s.ok)).toEqual([]);
  expect(checked).toBe(true);
});
