/**
 * Frozen in time: never import app code here, never edit after release; add 0002… instead.
 * Foundation tables: staff and roles, policy versions, rosters, customers, visits, registrations, audit.
 */
import { type Kysely, sql } from 'kysely';

/** Facts are appended, never rewritten (R-OWN-4): the database itself refuses UPDATE and DELETE. */
export async function insertOnly(db: Kysely<any>, table: string): Promise<void> {
  for (const op of ['UPDATE', 'DELETE']) {
    await sql
      .raw(
        `CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table} ` +
          `BEGIN SELECT RAISE(ABORT, '${table} is insert-only: records are never altered or deleted'); END`,
      )
      .execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('staff')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('staff_roles')
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('staff_roles_pk', ['staff_id', 'role'])
    .execute();

  await db.schema
    .createTable('policy_versions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('effective_at', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await insertOnly(db, 'policy_versions');

  await db.schema
    .createTable('rosters')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('started_by', 'text', (c) => c.notNull().references('staff.id'))
    .execute();
  await db.schema.createIndex('rosters_day').on('rosters').columns(['day', 'id']).execute();
  await insertOnly(db, 'rosters');

  await db.schema
    .createTable('roster_events')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('roster_id', 'integer', (c) => c.notNull().references('rosters.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('staff.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('roster_events_roster').on('roster_events').columns(['roster_id', 'id']).execute();
  await insertOnly(db, 'roster_events');

  await db.schema
    .createTable('roster_state')
    .addColumn('roster_id', 'integer', (c) => c.primaryKey().references('rosters.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('event_count', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('customers')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('phone_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('staff.id'))
    .execute();
  await db.schema.createIndex('customers_phone_key').on('customers').column('phone_key').execute();
  await db.schema.createIndex('customers_name').on('customers').column('name').execute();

  await db.schema
    .createTable('visits')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('consultant_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('reception', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('registered_for', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('roster_id', 'integer', (c) => c.references('rosters.id'))
    .addColumn('companion_customer_id', 'integer', (c) => c.references('customers.id'))
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('staff.id'))
    .execute();
  await db.schema.createIndex('visits_customer').on('visits').columns(['customer_id', 'at']).execute();
  await db.schema.createIndex('visits_at').on('visits').column('at').execute();
  await insertOnly(db, 'visits');

  await db.schema
    .createTable('visit_events')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('visit_id', 'integer', (c) => c.notNull().references('visits.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull().references('staff.id'))
    .execute();
  await db.schema.createIndex('visit_events_visit').on('visit_events').columns(['visit_id', 'id']).execute();
  await insertOnly(db, 'visit_events');

  await db.schema
    .createTable('registrations')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('visit_id', 'integer', (c) => c.notNull().references('visits.id'))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('consultant_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addColumn('corrects_id', 'integer', (c) => c.references('registrations.id'))
    .addColumn('reason', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('registrations_customer').on('registrations').columns(['customer_id', 'registered_at']).execute();
  await db.schema.createIndex('registrations_visit').on('registrations').column('visit_id').execute();
  await db.schema.createIndex('registrations_day').on('registrations').column('registered_at').execute();
  await insertOnly(db, 'registrations');

  await db.schema
    .createTable('registration_decisions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('registration_id', 'integer', (c) => c.notNull().references('registrations.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('actor_id', 'text', (c) => c.notNull().references('staff.id'))
    .execute();
  await db.schema.createIndex('registration_decisions_reg').on('registration_decisions').column('registration_id').execute();
  await insertOnly(db, 'registration_decisions');

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('staff.id'))
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .execute();
  await insertOnly(db, 'audit_log');
}
