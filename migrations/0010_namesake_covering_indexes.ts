/**
 * Frozen in time. The desk's likely matches (R-OWN-8) ask for the newest 20 customers with a name (or its
 * pinyin), each with the phone. On (name) alone SQLite walks the index backwards and reads every row's
 * phone from the table: 40 random pages per lookup among a million customers. These indexes carry id,
 * phone_key and phone (and the name, for the pinyin one) in id order under each name, so the answer comes
 * from the index alone. They replace the (name) and (name_key) indexes, which are their prefixes.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('customers_name_newest').on('customers').columns(['name', 'id', 'phone_key', 'phone']).execute();
  await db.schema
    .createIndex('customers_name_key_newest')
    .on('customers')
    .columns(['name_key', 'id', 'phone_key', 'phone', 'name'])
    .execute();
  await db.schema.dropIndex('customers_name').execute();
  await db.schema.dropIndex('customers_name_key').execute();
}
