-- Migration history as the Supabase CLI records it (bootstrap doc §6).
create schema if not exists supabase_migrations authorization postgres;
create table supabase_migrations.schema_migrations (version text not null primary key, statements text[], name text);
create table supabase_migrations.seed_files (path text not null primary key, hash text not null);
alter table supabase_migrations.schema_migrations owner to postgres;
alter table supabase_migrations.seed_files owner to postgres;
