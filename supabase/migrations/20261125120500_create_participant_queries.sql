-- The participants grid and audience resolution share one filter builder, so the number the message pop-in shows is
-- exactly the number of messages SEND NOW creates.
--
-- A grid query (and an audience "view" definition) is a jsonb object:
--   { "search": text | null,
--     "filters": [ { "column": "first_name|last_name|email|company|job_title|registered_at",
--                    "operator": "contains|equals|starts_with|is_empty|is_not_empty|before|after",
--                    "value": text } ],
--     "connected": "active" | "inactive" | null,      -- the "Is currently connected" column's filter
--     "connectedIds": [uuid] ,                         -- participants connected when the query was made (presence)
--     "sort": { "column": "...", "direction": "asc|desc" }, "offset": int, "limit": int }
-- An audience is { "kind": "selection", "participantIds": [uuid] } or { "kind": "view", ...query without paging }.
--
-- Queries are built as SQL text with whitelisted identifiers (%I) and quoted literals (%L, quote_literal: no injection),
-- then EXECUTEd: each call is planned with its actual patterns (no generic plan), so the trigram index serves searches
-- and filters of 3+ characters and the lower(name) prefix indexes serve 1–2 character searches.

create index participants_event_lower_first_name_idx on public.participants (event_id, lower(first_name) text_pattern_ops);
create index participants_event_lower_last_name_idx on public.participants (event_id, lower(last_name) text_pattern_ops);

create function private.raise_invalid(code text, detail text) returns void
language plpgsql immutable as $$
begin
  raise exception using errcode = 'PT422', message = code, detail = detail;
end;
$$;

-- The WHERE clause for a query object. Parameter $1: the connected ids (uuid[]); the event, search terms and filter
-- values are inlined as quoted literals so the planner sees them (with parameters it chose slower generic paths).
create function private.participant_where(target_event_id uuid, query jsonb) returns text
language plpgsql immutable set search_path = '' as $$
declare
  clauses text[] := array[pg_catalog.format('p.event_id = %L', target_event_id)];
  filter jsonb;
  column_name text;
  operator text;
  search text := nullif(pg_catalog.btrim(query ->> 'search'), '');
  text_columns constant text[] := array['first_name', 'last_name', 'email', 'company', 'job_title'];
begin
  if search is not null then
    if pg_catalog.char_length(search) > 200 then
      perform private.raise_invalid('search_too_long', 'the search term has more than 200 characters');
    end if;
    if pg_catalog.char_length(search) >= 3 then
      clauses := pg_catalog.array_append(clauses,
        pg_catalog.format('p.search_text like %L', '%' || private.like_escape(lower(search)) || '%'));
    else
      clauses := pg_catalog.array_append(clauses, pg_catalog.format(
        '(lower(p.first_name) like %1$L or lower(p.last_name) like %1$L)', private.like_escape(lower(search)) || '%'));
    end if;
  end if;
  if query ? 'filters' and pg_catalog.jsonb_typeof(query -> 'filters') <> 'array' then
    perform private.raise_invalid('invalid_filters', 'filters must be an array');
  end if;
  for filter in select value from pg_catalog.jsonb_array_elements(coalesce(query -> 'filters', '[]'::jsonb)) loop
    column_name := filter ->> 'column';
    operator := filter ->> 'operator';
    if column_name = any(text_columns) then
      -- A value of 3+ characters also narrows through the trigram index: the column's text is part of search_text.
      if operator in ('contains', 'equals', 'starts_with') and pg_catalog.char_length(filter ->> 'value') >= 3 then
        clauses := pg_catalog.array_append(clauses,
          pg_catalog.format('p.search_text like %L', '%' || private.like_escape(lower(filter ->> 'value')) || '%'));
      end if;
      clauses := pg_catalog.array_append(clauses, case operator
        when 'contains' then pg_catalog.format('lower(p.%I) like %L', column_name, '%' || private.like_escape(lower(filter ->> 'value')) || '%')
        when 'equals' then pg_catalog.format('lower(p.%I) = %L', column_name, lower(filter ->> 'value'))
        when 'starts_with' then pg_catalog.format('lower(p.%I) like %L', column_name, private.like_escape(lower(filter ->> 'value')) || '%')
        when 'is_empty' then pg_catalog.format('coalesce(p.%I, '''') = ''''', column_name)
        when 'is_not_empty' then pg_catalog.format('coalesce(p.%I, '''') <> ''''', column_name)
      end);
    elsif column_name = 'registered_at' then
      if operator in ('before', 'after') and not private.is_date(filter ->> 'value') then
        perform private.raise_invalid('invalid_filter_value', 'registered_at filters take a date (YYYY-MM-DD)');
      end if;
      clauses := pg_catalog.array_append(clauses, case operator
        when 'before' then pg_catalog.format('p.registered_at < %L::timestamptz', filter ->> 'value')
        when 'after' then pg_catalog.format('p.registered_at >= %L::timestamptz', filter ->> 'value')
      end);
    else
      perform private.raise_invalid('invalid_filter_column', pg_catalog.format('no filter on column %s', column_name));
    end if;
    if clauses[pg_catalog.array_length(clauses, 1)] is null then
      perform private.raise_invalid('invalid_filter_operator',
        pg_catalog.format('operator %s does not apply to column %s', operator, column_name));
    end if;
    if operator in ('contains', 'equals', 'starts_with') and coalesce(filter ->> 'value', '') = '' then
      perform private.raise_invalid('invalid_filter_value', pg_catalog.format('the %s filter needs a value', operator));
    end if;
  end loop;
  case coalesce(query ->> 'connected', '')
    when 'active' then clauses := pg_catalog.array_append(clauses, 'p.id = any($1)');
    when 'inactive' then clauses := pg_catalog.array_append(clauses, 'not (p.id = any($1))');
    when '' then null;
    else perform private.raise_invalid('invalid_connected_filter', 'connected is active, inactive or null');
  end case;
  return pg_catalog.array_to_string(clauses, ' and ');
end;
$$;

create function private.is_date(value text) returns boolean
language plpgsql immutable set search_path = '' as $$
begin
  if value is null or value !~ '^\d{4}-\d{2}-\d{2}$' then
    return false;
  end if;
  perform value::date;
  return true;
exception when others then
  return false;
end;
$$;

create function private.like_escape(term text) returns text
language sql immutable set search_path = '' as $$
  select pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(term, '\', '\\'), '%', '\%'), '_', '\_')
$$;

create function private.connected_ids(query jsonb) returns uuid[]
language plpgsql immutable set search_path = '' as $$
begin
  if query ? 'connectedIds' and pg_catalog.jsonb_typeof(query -> 'connectedIds') <> 'array' then
    perform private.raise_invalid('invalid_connected_ids', 'connectedIds must be an array of participant ids');
  end if;
  return coalesce((select pg_catalog.array_agg(value::uuid) from pg_catalog.jsonb_array_elements_text(query -> 'connectedIds')), '{}');
exception when invalid_text_representation then
  perform private.raise_invalid('invalid_connected_ids', 'connectedIds must be an array of participant ids');
  return null;
end;
$$;

-- Checks an audience's shape (raising PT422 with a code) without resolving it.
create function private.check_audience(audience jsonb) returns void
language plpgsql immutable set search_path = '' as $$
begin
  if audience is null or pg_catalog.jsonb_typeof(audience) <> 'object' then
    perform private.raise_invalid('invalid_audience', 'the audience must be an object');
  elsif audience ->> 'kind' = 'selection' then
    if coalesce(pg_catalog.jsonb_typeof(audience -> 'participantIds'), '') <> 'array' then
      perform private.raise_invalid('invalid_audience', 'a selection lists participantIds');
    end if;
  elsif audience ->> 'kind' = 'view' then
    perform private.participant_where(null, audience);
    perform private.connected_ids(audience);
  else
    perform private.raise_invalid('invalid_audience', 'the audience kind is selection or view');
  end if;
end;
$$;

-- The participants an audience designates, limited to the event's participants.
create function private.audience_participant_ids(target_event_id uuid, audience jsonb) returns setof uuid
language plpgsql stable security definer set search_path = '' as $$
declare
  ids uuid[];
begin
  if audience ->> 'kind' = 'selection' and coalesce(pg_catalog.jsonb_typeof(audience -> 'participantIds'), '') = 'array' then
    begin
      select pg_catalog.array_agg(value::uuid) into ids from pg_catalog.jsonb_array_elements_text(audience -> 'participantIds');
    exception when invalid_text_representation then
      perform private.raise_invalid('invalid_audience', 'participantIds must be participant ids');
    end;
    return query select p.id from public.participants p where p.event_id = target_event_id and p.id = any(coalesce(ids, '{}'));
  elsif audience ->> 'kind' = 'view' then
    return query execute 'select p.id from public.participants p where ' || private.participant_where(target_event_id, audience)
      using private.connected_ids(audience);
  else
    perform private.check_audience(audience); -- raises the reason the audience is invalid
  end if;
end;
$$;

create function private.require_organizer(target_event_id uuid) returns void
language plpgsql stable security definer set search_path = '' as $$
begin
  if (select auth.uid()) is null or not private.is_organizer(target_event_id) then
    raise exception using errcode = 'PT403', message = 'not_an_organizer',
      detail = 'only the event''s organizers can do this';
  end if;
end;
$$;

-- The grid: one page of participants and the exact number matching, for organizers of the event.
create function public.participants_grid(target_event_id uuid, query jsonb) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  where_clause text;
  sort_column text := coalesce(query #>> '{sort,column}', 'last_name');
  sort_direction text := coalesce(query #>> '{sort,direction}', 'asc');
  page_offset integer;
  page_limit integer;
  order_by text;
  total bigint;
  page jsonb;
  connected uuid[];
  short_search boolean := pg_catalog.char_length(pg_catalog.btrim(query ->> 'search')) between 1 and 2;
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
  order_by := case sort_column
    when 'last_name' then pg_catalog.format('p.last_name %1$s, p.first_name %1$s, p.id %1$s', sort_direction)
    when 'first_name' then pg_catalog.format('p.first_name %1$s, p.last_name %1$s, p.id %1$s', sort_direction)
    else pg_catalog.format('p.%1$I %2$s nulls last, p.id %2$s', sort_column, sort_direction)
  end;
  execute 'select count(*) from public.participants p where ' || where_clause
    into total using connected;
  -- jsonb_agg keeps the sorted subquery's order (as PostgREST relies on); a window function would sort every match.
  -- A 1–2 character search matches through the prefix indexes: the matches are collected first (materialized), else
  -- the planner walks the whole sort index filtering row by row (measured: 27 ms instead of 3 ms at 100,000).
  execute pg_catalog.format(
    'select coalesce(jsonb_agg(r), ''[]'') from (
       select p.id, p.first_name, p.last_name, p.email, p.company, p.job_title,
              p.registered_at, p.user_id is not null as has_account
       from %1$s where %2$s order by %3$s offset %4$s limit %5$s) r',
    case when short_search
      then pg_catalog.format('(with matches as materialized (select * from public.participants p where %s) select * from matches) p', where_clause)
      else 'public.participants p' end,
    case when short_search then 'true' else where_clause end,
    order_by, page_offset, page_limit)
    into page using connected;
  return pg_catalog.jsonb_build_object('total', total, 'rows', page);
end;
$$;

-- How many participants an audience reaches: what the message pop-in shows.
create function public.count_audience(target_event_id uuid, audience jsonb) returns integer
language plpgsql stable security definer set search_path = '' as $$
begin
  perform private.require_organizer(target_event_id);
  return (select count(*) from private.audience_participant_ids(target_event_id, audience));
end;
$$;

revoke execute on function private.raise_invalid(text, text), private.participant_where(uuid, jsonb), private.like_escape(text),
  private.connected_ids(jsonb), private.audience_participant_ids(uuid, jsonb),
  private.require_organizer(uuid), private.is_date(text), private.check_audience(jsonb) from public, anon, authenticated;
revoke execute on function public.participants_grid(uuid, jsonb), public.count_audience(uuid, jsonb) from public, anon;
grant execute on function public.participants_grid(uuid, jsonb), public.count_audience(uuid, jsonb) to authenticated;
