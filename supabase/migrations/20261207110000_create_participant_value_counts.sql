-- The grid's exact count of a single column filter, from the number of participants per distinct value.
--
-- "company contains 'son'" at 100,000 realistic participants (12,299 match) was the grid's slowest query: its exact
-- count rechecked every trigram candidate on its heap row, one visit per matching participant on 3,400–3,800 heap pages
-- (or, when the planner misjudged the trigram's selectivity, evaluated the pattern on all 100,000 entries of the
-- (event_id, lower(company)) btree). An event's participants share few companies and job titles, and first and last
-- names repeat: 100,000 realistic participants have about 1,500 companies and 400 job titles. Counting per distinct
-- value, the count evaluates the filter on those values and sums their participants: the same predicate on the same
-- lower-cased text, so the same participants, without reading them.
--
-- participant_value_counts holds, per event and filterable text column, each lower-cased value (null for a null column)
-- and how many of the event's participants have it. Statement triggers on participants keep it in the writing
-- transaction, from the transition tables: a reader sees the counts of exactly the participants its snapshot sees.
-- Email is left out: it is unique per event, so its counts would be one row per participant.
-- The cost is on writes: a 5,000-row import statement takes about 16% more CPU (docs/benchmarks.md), and writers of
-- one event's participants that share a value wait for each other's commit on its count row (an import in one
-- statement holds them until it commits). Each statement upserts in key order, so one-statement writers (every API
-- request, each seed batch) cannot deadlock on them. Sends do not write participants.
--
-- The grid uses the counts when the query is the whole event or one filter on a counted column (no search, no
-- connected filter); any other query counts participants as before. count_audience and send_broadcast still resolve
-- participants with participant_where: the tests check that the grid's total, count_audience and the messages a send
-- creates agree.

create table private.participant_value_counts (
  event_id uuid not null references public.events (id) on delete cascade,
  column_name text not null check (column_name in ('first_name', 'last_name', 'company', 'job_title')),
  value text,
  -- No check (participant_count >= 0): INSERT … ON CONFLICT checks the row it proposes, a decrement, before it finds
  -- the row to update.
  participant_count integer not null,
  unique nulls not distinct (event_id, column_name, value)
);
comment on table private.participant_value_counts is
  'Per event and filterable text column of participants: each lower-cased value (null for null) and how many participants have it. Kept by triggers on participants; read by participants_grid for its exact count.';
-- Only the security-definer trigger and grid functions read and write it; no API role has a grant.
alter table private.participant_value_counts enable row level security;

-- One upsert of the net change per (event, column, value), in key order so that concurrent writers lock rows in the
-- same order. A decrement whose row is gone (the event's own cascade deleted it first) is skipped. A value no participant
-- has any more keeps its row, at 0, until the event is deleted: it adds nothing to a sum.
create function private.count_participant_values() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'TRUNCATE' then
    delete from private.participant_value_counts;
    return null;
  end if;
  execute pg_catalog.format(
    'insert into private.participant_value_counts as c (event_id, column_name, value, participant_count)
     select r.event_id, v.column_name, v.value, sum(r.delta)
     from (%s) r
     cross join lateral (values (''first_name'', pg_catalog.lower(r.first_name)), (''last_name'', pg_catalog.lower(r.last_name)),
       (''company'', pg_catalog.lower(r.company)), (''job_title'', pg_catalog.lower(r.job_title))) v (column_name, value)
     group by r.event_id, v.column_name, v.value
     having sum(r.delta) > 0 or (sum(r.delta) < 0 and exists (select from private.participant_value_counts e
       where e.event_id = r.event_id and e.column_name = v.column_name and e.value is not distinct from v.value))
     order by r.event_id, v.column_name, v.value
     on conflict (event_id, column_name, value) do update set participant_count = c.participant_count + excluded.participant_count',
    case tg_op
      when 'INSERT' then 'select event_id, first_name, last_name, company, job_title, 1 as delta from new_rows'
      when 'DELETE' then 'select event_id, first_name, last_name, company, job_title, -1 as delta from old_rows'
      else 'select event_id, first_name, last_name, company, job_title, 1 as delta from new_rows
            union all select event_id, first_name, last_name, company, job_title, -1 from old_rows'
    end);
  return null;
end;
$$;
revoke execute on function private.count_participant_values() from public, anon, authenticated;

create trigger participants_count_values_insert after insert on public.participants
  referencing new table as new_rows for each statement execute function private.count_participant_values();
-- Every update (a trigger with transition tables cannot list columns): the net change of an update that leaves the
-- counted columns alone is empty, and nothing is written.
create trigger participants_count_values_update after update on public.participants
  referencing old table as old_rows new table as new_rows for each statement execute function private.count_participant_values();
create trigger participants_count_values_delete after delete on public.participants
  referencing old table as old_rows for each statement execute function private.count_participant_values();
create trigger participants_count_values_truncate after truncate on public.participants
  for each statement execute function private.count_participant_values();

insert into private.participant_value_counts (event_id, column_name, value, participant_count)
select p.event_id, v.column_name, v.value, count(*)
from public.participants p
cross join lateral (values ('first_name', lower(p.first_name)), ('last_name', lower(p.last_name)),
  ('company', lower(p.company)), ('job_title', lower(p.job_title))) v (column_name, value)
group by p.event_id, v.column_name, v.value;
-- Built after the counts of the existing participants, in one pass.
-- contains and starts_with on columns with many distinct values (names); equals and few values use the unique index.
create index participant_value_counts_value_trgm_idx on private.participant_value_counts
  using gin (value extensions.gin_trgm_ops);

-- The exact number of participants a grid query matches. From the value counts when the query's conditions are only
-- the event, or the event and one filter on a counted column: participant_where must write the same clause for the query
-- and for that filter alone, so a search, a connected filter or any condition added to participant_where later takes
-- the participants' count. The whole event is the sum of one column's counts; one filter is the sum over the values
-- that pass it, written as participant_where writes it with v.value in place of lower(p.<column>) (a null column has a
-- null value: it passes no pattern and is empty).
create function private.grid_total(target_event_id uuid, query jsonb, where_clause text, connected uuid[]) returns bigint
language plpgsql stable set search_path = '' as $$
declare
  filter jsonb := query #> '{filters,0}';
  term text := pg_catalog.lower(filter ->> 'value');
  value_clause text;
  total bigint;
begin
  if filter is null then
    value_clause := 'true';
  elsif filter ->> 'column' in ('first_name', 'last_name', 'company', 'job_title') then
    value_clause := case filter ->> 'operator'
      when 'contains' then pg_catalog.format('v.value like %L', '%' || private.like_escape(term) || '%')
      when 'equals' then pg_catalog.format('v.value = %L', term)
      when 'starts_with' then pg_catalog.format('v.value like %L', private.like_escape(term) || '%')
      when 'is_empty' then '(v.value is null or v.value = '''')'
      when 'is_not_empty' then 'v.value <> '''''
    end;
  end if;
  if value_clause is not null and where_clause = private.participant_where(target_event_id,
      case when filter is null then '{}' else pg_catalog.jsonb_build_object('filters', pg_catalog.jsonb_build_array(filter)) end) then
    execute pg_catalog.format(
      'select coalesce(sum(v.participant_count), 0) from private.participant_value_counts v
       where v.event_id = %L and v.column_name = %L and %s',
      target_event_id, coalesce(filter ->> 'column', 'job_title'), value_clause)
      into total;
  else
    execute 'select count(*) from public.participants p where ' || where_clause into total using connected;
  end if;
  return total;
end;
$$;
revoke execute on function private.grid_total(uuid, jsonb, text, uuid[]) from public, anon, authenticated;

-- participants_grid of 20261125173000, its count from grid_total.
create or replace function public.participants_grid(target_event_id uuid, query jsonb) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  where_clause text;
  sort_column text := coalesce(query #>> '{sort,column}', 'last_name');
  sort_direction text := coalesce(query #>> '{sort,direction}', 'asc');
  page_offset integer;
  page_limit integer;
  total bigint;
  page jsonb;
  connected uuid[];
  collect_first boolean;
  -- company and job_title descending (nulls last) have no index in that order: no walk to force, the planner reads
  -- the page as before.
  walk_index boolean := sort_column not in ('company', 'job_title') or sort_direction = 'asc';
  walk_backwards boolean;
begin
  perform private.require_organizer(target_event_id);
  if query is null or pg_catalog.jsonb_typeof(query) <> 'object' then
    perform private.raise_invalid('invalid_query', 'the grid query must be an object');
  end if;
  if sort_column not in ('first_name', 'last_name', 'email', 'company', 'job_title', 'registered_at') then
    perform private.raise_invalid('invalid_sort', pg_catalog.format('cannot sort by %s', sort_column));
  end if;
  if sort_direction not in ('asc', 'desc') then
    perform private.raise_invalid('invalid_sort', 'direction is asc or desc');
  end if;
  begin
    page_offset := coalesce((query ->> 'offset')::integer, 0);
    page_limit := coalesce((query ->> 'limit')::integer, 50);
  exception when others then
    perform private.raise_invalid('invalid_page', 'offset and limit are whole numbers');
  end;
  if page_offset < 0 or page_limit < 1 or page_limit > 500 then
    perform private.raise_invalid('invalid_page', 'offset ≥ 0 and 1 ≤ limit ≤ 500');
  end if;
  where_clause := private.participant_where(target_event_id, query);
  connected := private.connected_ids(query);
  total := private.grid_total(target_event_id, query, where_clause, connected);
  -- Walking the sort index reads about (offset + limit) × event size / total rows; collecting reads total rows.
  collect_first := where_clause <> pg_catalog.format('p.event_id = %L', target_event_id)
    and (total <= 5000 or (page_offset + page_limit)::bigint * 20 > total);
  walk_backwards := walk_index and not collect_first and page_offset::bigint * 2 > total;
  if page_offset >= total then
    page := '[]';
  elsif walk_backwards then
    -- The same rows, read from the end: skip the rows after the page, take the page, and sort its few rows back.
    execute pg_catalog.format(
      'select coalesce(jsonb_agg(p order by %1$s), ''[]'') from (
         select p.id, p.first_name, p.last_name, p.email, p.company, p.job_title,
                p.registered_at, p.user_id is not null as has_account
         from (select * from public.participants p where p.event_id = %2$L order by %3$s offset 0) p
         where %4$s offset %5$s limit %6$s) p',
      private.grid_order_by(sort_column, sort_direction, false), target_event_id,
      private.grid_order_by(sort_column, sort_direction, true), where_clause,
      total - page_offset - least(page_limit, total - page_offset), least(page_limit, total - page_offset))
      into page using connected;
  else
    -- jsonb_agg keeps the sorted subquery's order (as PostgREST relies on); a window function would sort every match.
    execute pg_catalog.format(
      'select coalesce(jsonb_agg(r), ''[]'') from (
         select p.id, p.first_name, p.last_name, p.email, p.company, p.job_title,
                p.registered_at, p.user_id is not null as has_account
         from %1$s where %2$s %3$s offset %4$s limit %5$s) r',
      case when collect_first
        then pg_catalog.format('(with matches as materialized (select * from public.participants p where %s) select * from matches) p', where_clause)
        when walk_index
        then pg_catalog.format('(select * from public.participants p where p.event_id = %L order by %s offset 0) p',
          target_event_id, private.grid_order_by(sort_column, sort_direction, false))
        else 'public.participants p' end,
      case when collect_first then 'true' else where_clause end,
      case when walk_index and not collect_first then '' else 'order by ' || private.grid_order_by(sort_column, sort_direction, false) end,
      page_offset, page_limit)
      into page using connected;
  end if;
  return pg_catalog.jsonb_build_object('total', total, 'rows', page);
end;
$$;
