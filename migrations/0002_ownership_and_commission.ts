/**
 * Frozen in time: never import app code here. Everything the commission split is computed from: phone
 * inquiries, announced introductions, customer links (identified / household), referrals, company
 * clients, deals and their changes, disputes and their steps. All insert-only (R-OWN-4, R-DIS-2).
 */
import { type Kysely, sql } from 'kysely';

async function insertOnly(db: Kysely<any>, table: string): Promise<void> {
  for (const op of ['UPDATE', 'DELETE']) {
    await sql
      .raw(
        `CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is insert-only: records are never altered or deleted'); END`,
      )
      .execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('phone_inquiries')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('consultant_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('phone_inquiries_customer').on('phone_inquiries').column('customer_id').execute();
  await db.schema.createIndex('phone_inquiries_at').on('phone_inquiries').column('at').execute();

  await db.schema
    .createTable('announcements')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('from_customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('consultant_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('expected_at', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('announcements_customer').on('announcements').column('customer_id').execute();

  await db.schema
    .createTable('customer_links')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('other_customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull().references('staff.id'))
    .execute();
  await db.schema.createIndex('customer_links_customer').on('customer_links').column('customer_id').execute();
  await db.schema.createIndex('customer_links_other').on('customer_links').column('other_customer_id').execute();

  await db.schema
    .createTable('referrals')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('referrer_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('appointment', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull().references('staff.id'))
    .execute();
  await db.schema.createIndex('referrals_customer').on('referrals').column('customer_id').execute();

  await db.schema
    .createTable('referral_events')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('referral_id', 'integer', (c) => c.notNull().references('referrals.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('visit_id', 'integer', (c) => c.references('visits.id'))
    .addColumn('reason', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull().references('staff.id'))
    .execute();
  await db.schema.createIndex('referral_events_referral').on('referral_events').column('referral_id').execute();

  await db.schema
    .createTable('company_clients')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('introduced_by', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull().references('staff.id'))
    .execute();
  await db.schema.createIndex('company_clients_customer').on('company_clients').column('customer_id').execute();

  await db.schema
    .createTable('deals')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('price', 'integer', (c) => c.notNull())
    .addColumn('commission', 'integer', (c) => c.notNull())
    .addColumn('on_spot', 'integer', (c) => c.notNull())
    .addColumn('company_mode', 'text')
    .addColumn('after_sales_id', 'text', (c) => c.references('staff.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('staff.id'))
    .execute();
  await db.schema.createIndex('deals_customer').on('deals').column('customer_id').execute();
  await db.schema.createIndex('deals_at').on('deals').column('at').execute();

  await db.schema
    .createTable('deal_changes')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('deal_id', 'integer', (c) => c.notNull().references('deals.id'))
    .addColumn('buyer_name', 'text')
    .addColumn('unit', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull().references('staff.id'))
    .execute();

  await db.schema
    .createTable('disputes')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('deal_id', 'integer', (c) => c.references('deals.id'))
    .addColumn('customer_id', 'integer', (c) => c.references('customers.id'))
    .addColumn('claim', 'text', (c) => c.notNull())
    .addColumn('raised_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('disputes_deal').on('disputes').column('deal_id').execute();

  await db.schema
    .createTable('dispute_steps')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('dispute_id', 'integer', (c) => c.notNull().references('disputes.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('split', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull().references('staff.id'))
    .execute();
  await db.schema.createIndex('dispute_steps_dispute').on('dispute_steps').column('dispute_id').execute();

  for (const t of [
    'phone_inquiries',
    'announcements',
    'customer_links',
    'referrals',
    'referral_events',
    'company_clients',
    'deals',
    'deal_changes',
    'disputes',
    'dispute_steps',
  ]) {
    await insertOnly(db, t);
  }
}
