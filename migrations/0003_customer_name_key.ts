/**
 * Frozen in time. (1) The pinyin of each customer's name, and its initials (张杰 → zj) for search (surname readings: 曾 zeng, 单 shan), so the desk can
 * flag "same name in pinyin, phone a digit or two off" as a possible returning customer (R-OWN-8).
 * Uses pinyin-pro directly (a library, not app code) to fill the rows that already exist.
 * (2) The kind of each registration record and what a correction changed.
 */
import type { Kysely } from 'kysely';
import { pinyin } from 'pinyin-pro';

const syllables = (name: string) =>
  pinyin(name, { toneType: 'none', mode: 'surname', type: 'array', nonZh: 'consecutive' }).map((p) => p.toLowerCase().replace(/\s+/g, ''));

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('customers')
    .addColumn('name_key', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('customers')
    .addColumn('name_initials', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  const rows = (await db.selectFrom('customers').select(['id', 'name']).execute()) as { id: number; name: string }[];
  for (const r of rows) {
    const s = syllables(r.name);
    await db
      .updateTable('customers')
      .set({ name_key: s.join(''), name_initials: s.map((x) => x[0] ?? '').join('') })
      .where('id', '=', r.id)
      .execute();
  }
  await db.schema.createIndex('customers_name_key').on('customers').column('name_key').execute();
  await db.schema.createIndex('customers_name_initials').on('customers').column('name_initials').execute();

  // What a later registration of the same visit is: a PM's correction (R-OWN-4) or a reassignment after the
  // customer refused their consultant (R-ROS-10, which ends the refused consultant's rights). `changes` keeps
  // the corrected fields with their old values, so the history shows both.
  await db.schema
    .alterTable('registrations')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('visit'))
    .execute();
  await db.schema.alterTable('registrations').addColumn('changes', 'text').execute();
}
