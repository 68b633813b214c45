-- depends_on: {{ ref('investor_aliases') }}
-- One row per resolved investor (int_investor_mentions_resolved): its name (seed investor_aliases' name
-- when the seed knows it, else the Crunchbase name, else the name written most often), its
-- Chinese name, every name seen, its type and its country.
-- Type: the investor's names are typed one by one (int_investors_classified); a name rule wins
-- over Crunchbase's investor_type, which wins over the default, and among name rules the one of
-- best priority (state_capital > sovereign_fund > corporate), so 深创投 | Shenzhen Capital Group is
-- state capital whichever name a deal uses.
-- Country: the seed's; else CN when every name is written in Chinese characters (a firm known
-- only by a Chinese name is taken to be Chinese); else unknown.
with mentions as (
    select m.*, r.investor_id, r.anchor
    from {{ ref('int_investor_mentions_keyed') }} as m
    join {{ ref('int_investor_mentions_resolved') }} as r using (mention_ref)
),

name_types as (
    select
        c.investor_name,
        c.investor_type,
        c.typed_by,
        case c.typed_by when 'name rule' then coalesce(rules.priority, 0)
             when 'crunchbase investor_type' then 100000 else 1000000 end as type_rank
    from {{ ref('int_investors_classified') }} as c
    left join {{ ref('investor_type_rules') }} as rules using (investor_type)
),

names as (
    -- one row per (investor, name as written)
    select
        investor_id,
        investor_name,
        any_value(anchor) as anchor,
        count(*) as mention_count,
        bool_or(mention_source = 'crunchbase') as in_crunchbase,
        min(known_investor_name) as known_investor_name,
        min(resolved_key) as resolved_key,
        regexp_matches(investor_name, '\p{Han}') as is_chinese,
        max(crunchbase_investor_type) as crunchbase_investor_type,
        list(distinct mention_source) as mention_sources
    from mentions
    group by investor_id, investor_name
),

investors as (
    select
        n.investor_id,
        any_value(n.anchor) as anchor,
        coalesce(
            min(n.known_investor_name),
            arg_min(n.investor_name, (not n.in_crunchbase, -n.mention_count, n.investor_name))
        ) as investor_name,
        arg_min(n.investor_name, (-n.mention_count, n.investor_name)) filter (where n.is_chinese)
            as investor_name_zh,
        list_sort(list_distinct(list_concat(
            list(n.investor_name),
            coalesce(list(n.known_investor_name) filter (where n.known_investor_name is not null), [])
        ))) as names,
        arg_min(n.resolved_key, (n.known_investor_name is null, not n.in_crunchbase, -n.mention_count, n.investor_name))
            as name_key,
        list_sort(list_distinct(list(n.resolved_key))) as name_keys,
        coalesce(arg_min(t.investor_type, (t.type_rank, n.investor_name)), 'vc_pe') as investor_type,
        coalesce(arg_min(t.typed_by, (t.type_rank, n.investor_name)), 'default') as typed_by,
        min(n.known_investor_name) as known_investor_name,
        bool_and(n.is_chinese) as only_chinese_names,
        max(n.crunchbase_investor_type) as crunchbase_investor_type,
        list_sort(list_distinct(flatten(list(n.mention_sources)))) as sources,
        sum(n.mention_count)::bigint as mention_count
    from names as n
    left join name_types as t using (investor_name)
    group by n.investor_id
),

seed_countries as (
    select investor_name as known_investor_name, nullif(trim(country_code), '') as country_code
    from {{ ref('investor_aliases') }}
)

select
    i.investor_id,
    i.investor_name,
    i.investor_name_zh,
    array_to_string(i.names, ' | ') as aliases,
    len(i.names) as alias_count,
    i.name_key,
    i.name_keys,
    i.investor_type,
    i.typed_by,
    coalesce(s.country_code, case when i.only_chinese_names then 'CN' end) as country_code,
    case when s.country_code is not null then 'seed investor_aliases'
         when i.only_chinese_names then 'chinese name' end as country_basis,
    c.country_group,
    case when starts_with(i.anchor, 'crunchbase:') then substr(i.anchor, 12) end as crunchbase_uuid,
    i.crunchbase_investor_type,
    array_to_string(i.sources, ',') as sources,
    i.mention_count
from investors as i
left join seed_countries as s using (known_investor_name)
left join {{ ref('countries') }} as c
    on c.iso2 = coalesce(s.country_code, case when i.only_chinese_names then 'CN' end)
