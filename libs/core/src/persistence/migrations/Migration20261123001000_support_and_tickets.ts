import { Migration } from '@mikro-orm/migrations';

export class Migration20261123001000_support_and_tickets extends Migration {
  override name = 'Migration20261123001000_support_and_tickets';

  override up(): void {
    this.addSql(`
      create table support_structure_versions (
        version integer primary key,
        preset text null,
        definition jsonb not null,
        note text null,
        created_by uuid null references users (id),
        created_at timestamptz not null
      )`);
    this.addSql(`
      create table support_members (
        user_id uuid primary key references users (id) on delete cascade,
        unit_key text not null,
        channel text null check (channel in ('web', 'phone')),
        function text not null check (function in ('agent', 'supervisor')),
        updated_at timestamptz not null
      )`);
    this.addSql(`
      create table customers (
        id uuid primary key,
        name text not null,
        document text null,
        created_at timestamptz not null,
        updated_at timestamptz not null
      )`);
    this.addSql(`create index customers_name_idx on customers (lower(name))`);
    // Children reference their customer without an ORM relation, so the unit of work may insert
    // them first: the foreign key is checked at commit.
    this.addSql(`
      create table customer_contacts (
        id uuid primary key,
        customer_id uuid not null references customers (id) on delete cascade deferrable initially deferred,
        name text not null,
        email text null,
        phone text null,
        unique (id, customer_id)
      )`);
    this.addSql(`create index customer_contacts_customer_idx on customer_contacts (customer_id)`);
    this.addSql(`
      create table customer_products (
        id uuid primary key,
        customer_id uuid not null references customers (id) on delete cascade deferrable initially deferred,
        product text not null,
        contracted_on date not null,
        ends_on date null
      )`);
    this.addSql(`create index customer_products_customer_idx on customer_products (customer_id)`);
    this.addSql(`
      create table implementation_items (
        id uuid primary key,
        customer_id uuid not null references customers (id) on delete cascade deferrable initially deferred,
        scheduled_for date not null,
        module text not null,
        status text not null check (status in ('scheduled', 'done', 'cancelled')),
        notes text null
      )`);
    this.addSql(`create index implementation_items_customer_idx on implementation_items (customer_id, scheduled_for)`);

    // to_tsvector needs an immutable function to sit in a generated column; unaccent() is only stable
    // because its dictionary could change. Pinning the dictionary makes the wrapper safe to index.
    this.addSql(`
      create function escala_unaccent(text) returns text
      language sql immutable parallel safe strict
      as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$`);
    this.addSql(`
      create table tickets (
        id uuid primary key,
        number bigint generated always as identity unique,
        customer_id uuid not null references customers (id),
        contact_id uuid null,
        channel text not null check (channel in ('phone', 'email', 'portal', 'web')),
        product text null,
        module text null,
        category text not null,
        subject text not null,
        description text not null,
        status text not null check (status in ('new', 'in_analysis', 'waiting_customer', 'waiting_third_party', 'waiting_development', 'resolved', 'closed')),
        unit_key text not null,
        structure_version integer not null references support_structure_versions (version),
        assignee_id uuid null references users (id),
        spoc_id uuid null references users (id),
        tags text[] not null default '{}',
        deadlines jsonb not null default '[]',
        technical_analysis jsonb null,
        created_by uuid null references users (id),
        created_at timestamptz not null,
        updated_at timestamptz not null,
        search tsvector generated always as (
          setweight(to_tsvector('portuguese', escala_unaccent(subject)), 'A') ||
          to_tsvector('portuguese', escala_unaccent(description))
        ) stored,
        -- the contact must be one of the ticket's customer's contacts
        foreign key (contact_id, customer_id) references customer_contacts (id, customer_id)
      )`);
    this.addSql(`create index tickets_unit_status_idx on tickets (unit_key, status, number)`);
    this.addSql(`create index tickets_status_idx on tickets (status, number)`);
    this.addSql(`create index tickets_customer_idx on tickets (customer_id, number)`);
    this.addSql(`create index tickets_assignee_idx on tickets (assignee_id, number) where assignee_id is not null`);
    this.addSql(`create index tickets_created_at_idx on tickets (created_at)`);
    this.addSql(`create index tickets_tags_idx on tickets using gin (tags)`);
    this.addSql(`create index tickets_search_idx on tickets using gin (search)`);
    this.addSql(`
      create table ticket_entries (
        id uuid primary key,
        ticket_id uuid not null references tickets (id) on delete cascade,
        kind text not null check (kind in ('public', 'internal', 'event')),
        body text not null,
        author_id uuid null references users (id),
        author_label text not null,
        attachments jsonb not null default '[]',
        created_at timestamptz not null,
        search tsvector generated always as (to_tsvector('portuguese', escala_unaccent(body))) stored
      )`);
    this.addSql(`create index ticket_entries_ticket_idx on ticket_entries (ticket_id, created_at)`);
    this.addSql(`create index ticket_entries_search_idx on ticket_entries using gin (search)`);
  }
}
