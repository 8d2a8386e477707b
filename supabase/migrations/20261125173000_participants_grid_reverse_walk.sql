-- A page past the middle of the event walks the sort index from its other end. Without a filter the grid walks the sort
-- index and skips `offset` rows: the last page of 100,000 participants read 100,000 index entries and heap rows. Read
-- backwards, it skips total - offset - limit rows instead (none for the last page), and the rows are put back in the
-- grid's order. Filtered pages are unchanged: a deep page of a filtered grid already collects its matches
-- (20261125121000), so this only applies when the walk is chosen.
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
  execute 'select count(*) from public.participants p where ' || where_clause
    into total using connected;
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

-- The grid's order (nulls last both ways; email and registered_at are never null, so their order needs no NULLS clause
-- and a descending page walks their index backwards), or exactly its reverse.
create or replace function private.grid_order_by(sort_column text, sort_direction text, reversed boolean) returns text
language sql immutable set search_path = '' as $$
  select case sort_column
    when 'last_name' then pg_catalog.format('p.last_name %1$s, p.first_name %1$s, p.id %1$s', direction)
    when 'first_name' then pg_catalog.format('p.first_name %1$s, p.last_name %1$s, p.id %1$s', direction)
    when 'email' then pg_catalog.format('p.email %1$s, p.id %1$s', direction)
    when 'registered_at' then pg_catalog.format('p.registered_at %1$s, p.id %1$s', direction)
    else pg_catalog.format('p.%1$I %2$s nulls %3$s, p.id %2$s', sort_column, direction,
      case when reversed then 'first' else 'last' end)
  end
  from (select case when (sort_direction = 'asc') <> reversed then 'asc' else 'desc' end as direction) d
$$;
revoke execute on function private.grid_order_by(text, text, boolean) from public;
