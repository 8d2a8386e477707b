-- Column filters narrow through indexes on the filtered column itself, and a page of many matches walks the sort index.
--
-- Before: a text filter of 3+ characters narrowed through the trigram index of search_text (every column concatenated),
-- which matches far more rows than the one column does ("company contains son": 20,914 candidates for 12,299 matches
-- at 100,000 realistic participants; "job title contains manager": 2,858 candidates for 239 matches with "company
-- starts with b"), and each candidate was rechecked on the heap row. Now:
--   - one multi-column trigram index on the lower-cased filterable columns serves contains, starts_with and equals of
--     any column (several filters combine inside that one index scan), and btree indexes on (event_id, lower(column))
--     serve equals and starts_with exactly (first and last names already have theirs, for the 1–2 character search);
--   - the filter predicates are exactly the indexed expressions, without the extra search_text condition, which only
--     restated them (a column's lower-cased text is part of search_text): the rows a filter matches do not change;
--   - is_empty / is_not_empty are written as `column is null or column = ''` / `column <> ''` (the same rows as
--     `coalesce(column, '') = ''` / `<> ''`), which the sort indexes can serve;
--   - when the grid walks the sort index (many matches, a shallow page), the walk is written so that the planner cannot
--     pick another path: its estimate of a filter's matches is a guess, and a low guess made it collect and sort all
--     12,299 matches of "company contains son" a second time after the count;
--   - email and registered_at are never null: they sort without "nulls last", so a descending sort walks their index
--     backwards (with "nulls last" it could not, and every descending page by date sorted all matches).
-- Sends resolve their audience with the same participant_where: grid, count_audience and send_broadcast still agree.

create index participants_filter_trgm_idx on public.participants using gin (
  lower(first_name) extensions.gin_trgm_ops,
  lower(last_name) extensions.gin_trgm_ops,
  lower(email) extensions.gin_trgm_ops,
  lower(company) extensions.gin_trgm_ops,
  lower(job_title) extensions.gin_trgm_ops
);
create index participants_event_lower_email_idx on public.participants (event_id, lower(email) text_pattern_ops);
create index participants_event_lower_company_idx on public.participants (event_id, lower(company) text_pattern_ops);
create index participants_event_lower_job_title_idx on public.participants (event_id, lower(job_title) text_pattern_ops);

create or replace function private.participant_where(target_event_id uuid, query jsonb) returns text
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
      -- lower(p.<column>) is the expression participants_filter_trgm_idx and the (event_id, lower(column)) btrees index.
      clauses := pg_catalog.array_append(clauses, case operator
        when 'contains' then pg_catalog.format('lower(p.%I) like %L', column_name, '%' || private.like_escape(lower(filter ->> 'value')) || '%')
        when 'equals' then pg_catalog.format('lower(p.%I) = %L', column_name, lower(filter ->> 'value'))
        when 'starts_with' then pg_catalog.format('lower(p.%I) like %L', column_name, private.like_escape(lower(filter ->> 'value')) || '%')
        when 'is_empty' then pg_catalog.format('(p.%1$I is null or p.%1$I = '''')', column_name)
        when 'is_not_empty' then pg_catalog.format('p.%I <> ''''', column_name)
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

-- The page plan of 20261125121000 (collect the matches when few or for a deep page, else walk the sort index), with
-- the walk written as a subquery the planner reads in order: OFFSET 0 keeps the filters out of it, so it is the sort
-- index read from its start, and the filters apply to its rows until the page is full.
create or replace function public.participants_grid(target_event_id uuid, query jsonb) returns jsonb
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
  has_conditions boolean;
  collect_first boolean;
  walk_index boolean;
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
  -- Nulls last both ways; email and registered_at are never null, so their order needs no NULLS clause and a
  -- descending page walks their index backwards.
  order_by := case sort_column
    when 'last_name' then pg_catalog.format('p.last_name %1$s, p.first_name %1$s, p.id %1$s', sort_direction)
    when 'first_name' then pg_catalog.format('p.first_name %1$s, p.last_name %1$s, p.id %1$s', sort_direction)
    when 'email' then pg_catalog.format('p.email %1$s, p.id %1$s', sort_direction)
    when 'registered_at' then pg_catalog.format('p.registered_at %1$s, p.id %1$s', sort_direction)
    else pg_catalog.format('p.%1$I %2$s nulls last, p.id %2$s', sort_column, sort_direction)
  end;
  execute 'select count(*) from public.participants p where ' || where_clause
    into total using connected;
  -- Walking the sort index reads about (offset + limit) × event size / total rows; collecting reads total rows.
  has_conditions := where_clause <> pg_catalog.format('p.event_id = %L', target_event_id);
  collect_first := has_conditions and (total <= 5000 or (page_offset + page_limit)::bigint * 20 > total);
  -- Filtered, many matches: walk the sort index, written out. Without conditions the planner walks it by itself;
  -- company and job_title descending (nulls last) have no index in that order, the planner reads the page as before.
  walk_index := has_conditions and not collect_first
    and (sort_column not in ('company', 'job_title') or sort_direction = 'asc');
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
        target_event_id, order_by)
      else 'public.participants p' end,
    case when collect_first then 'true' else where_clause end,
    case when walk_index then '' else 'order by ' || order_by end,
    page_offset, page_limit)
    into page using connected;
  return pg_catalog.jsonb_build_object('total', total, 'rows', page);
end;
$$;
