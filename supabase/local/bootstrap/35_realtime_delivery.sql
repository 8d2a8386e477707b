-- Local delivery of database broadcasts (rows inserted into realtime.messages). Hosted Realtime tails the table through
-- logical replication; locally a statement trigger copies each transaction's broadcast rows into an outbox and sends
-- NOTIFY with the transaction id. PostgreSQL delivers a NOTIFY only after COMMIT, in commit order, and never for a
-- rollback, which is exactly the delivery contract; the payload (a txid) stays far below NOTIFY's 8,000-byte limit,
-- and the stack reads the rows themselves in batches. Local-only objects: nothing here exists on hosted Supabase.

create schema _realtime authorization supabase_admin;
revoke all on schema _realtime from public;

create table _realtime.outbox (
  seq bigint generated always as identity primary key,
  txid bigint not null,
  id uuid not null,
  topic text not null,
  event text,
  private boolean not null,
  payload jsonb,
  binary_payload bytea,
  created_at timestamptz not null default clock_timestamp()
);
create index outbox_txid_seq_index on _realtime.outbox (txid, seq);
create index outbox_created_at_index on _realtime.outbox (created_at);

-- security definer: inserts into realtime.messages run as the API roles (realtime.send() is security invoker, and the
-- stack's write-permission probes insert as the user's role), which must not need rights on _realtime.
create function _realtime.capture_messages() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into _realtime.outbox (txid, id, topic, event, private, payload, binary_payload)
  select pg_catalog.txid_current(), m.id, m.topic, m.event, coalesce(m.private, false), m.payload, m.binary_payload
  from new_messages m
  where m.extension = 'broadcast';
  if found then
    -- One notification per transaction: PostgreSQL folds identical notifications of a transaction into one.
    perform pg_catalog.pg_notify('_realtime_outbox', pg_catalog.txid_current()::text);
  end if;
  return null;
end;
$$;
revoke execute on function _realtime.capture_messages() from public;

create trigger _realtime_capture_messages
  after insert on realtime.messages
  referencing new table as new_messages
  for each statement execute function _realtime.capture_messages();
