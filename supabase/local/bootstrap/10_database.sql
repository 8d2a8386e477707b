-- Per-database objects Supabase provides before user migrations (bootstrap doc §2, §4, §5 publication).
-- Runs as supabase_admin in the target database.

create schema if not exists extensions;
alter schema extensions owner to postgres;
create extension if not exists "uuid-ossp" with schema extensions;
create extension if not exists pgcrypto with schema extensions;
-- Untrusted on plain PostgreSQL, available on hosted Supabase through supautils: pre-created like the image does.
create extension if not exists pg_stat_statements with schema extensions;
grant usage on schema extensions to postgres, anon, authenticated, service_role;
grant all on all functions in schema extensions to postgres with grant option;
grant all on all tables in schema extensions to postgres with grant option;

grant usage on schema public to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema public grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema public grant all on sequences to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema public grant all on functions to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_admin in schema public grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_admin in schema public grant all on sequences to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_admin in schema public grant all on functions to postgres, anon, authenticated, service_role;

-- New hosted projects no longer expose new tables automatically ([api] auto_expose_new_tables = false):
-- mirror that, so a migration missing its grants fails here as it would there.
alter default privileges for role postgres in schema public revoke select, insert, update, delete on tables from anon, authenticated, service_role;
alter default privileges for role postgres in schema public revoke usage, select on sequences from anon, authenticated, service_role;
alter default privileges for role postgres in schema public revoke execute on functions from anon, authenticated, service_role;

-- TRUNCATE, REFERENCES, TRIGGER (and MAINTAIN on PostgreSQL 17) are none of the Data API's business, and TRUNCATE
-- ignores RLS: the API roles get none of them, on tables created from now on and on those already there (this file runs
-- at every start, before migrations). Hosted projects keep them in their default ACLs unless a migration revokes them.
do $$
declare
  privileges text := 'truncate, references, trigger'
    || case when current_setting('server_version_num')::int >= 170000 then ', maintain' else '' end;
begin
  execute format('alter default privileges for role postgres in schema public revoke %s on tables from anon, authenticated', privileges);
  execute format('alter default privileges for role supabase_admin in schema public revoke %s on tables from anon, authenticated', privileges);
  execute format('revoke %s on all tables in schema public from anon, authenticated', privileges);
end
$$;

do $$
begin
  if not exists (select 1 from pg_publication where pubname = 'supabase_realtime') then
    create publication supabase_realtime;
  end if;
end
$$;
alter publication supabase_realtime owner to postgres;
