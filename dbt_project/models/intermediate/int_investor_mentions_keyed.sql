-- depends_on: {{ ref('company_name_suffixes') }}, {{ ref('investor_aliases') }}
-- Every investor a raw row names, one row per (row, name): each name of a cn_export 投资方 cell or a
-- manual addition's investors (split like int_deal_investors_collected; `position` is its place in
-- the cell), and each Crunchbase investments row (with its investor uuid, Crunchbase's
-- investor_type and is_lead_investor). Every copy of a record in overlapping files is a mention
-- of its own. name_key normalises the name as company names are normalised (macro
-- investor_name_key); resolved_key is name_key after seed investor_aliases (a16z →
-- andreessenhorowitz), the key int_investor_mentions_resolved matches on.
with listed_cells as (
    select source, mention_source, source_file, source_row, source_record_key,
           {{ investor_names_split('investors_raw') }} as names
    from {{ ref('int_deal_rows_fx_converted') }}
    where investors_raw is not null
),

listed as (
    select
        mention_source, source, source_file, source_row, source_record_key,
        trim(unnest(names)) as investor_name,
        generate_subscripts(names, 1) as position,
        cast(null as varchar) as funding_round_uuid,
        cast(null as varchar) as crunchbase_investor_uuid,
        cast(null as varchar) as crunchbase_investor_type,
        cast(null as boolean) as is_lead
    from listed_cells
),

crunchbase as (
    select
        'crunchbase' as mention_source, source, source_file, source_row, source_record_key,
        trim(investor_name) as investor_name,
        1 as position,
        funding_round_uuid,
        investor_uuid as crunchbase_investor_uuid,
        investor_type as crunchbase_investor_type,
        is_lead_investor as is_lead
    from {{ ref('stg_crunchbase__investments') }}
    where reject_reason is null
),

mentions as (
    select * from listed where {{ is_investor_name('investor_name') }}
    union all
    select * from crunchbase where {{ is_investor_name('investor_name') }}
),

name_keys as (
    -- each distinct name normalised once
    select investor_name, {{ investor_name_key('investor_name') }} as name_key
    from (select distinct investor_name from mentions) as distinct_names
),

aliases as (
    -- a name the seed knows stands for its investor, whose own name gives the key
    select alias_key, canonical_name, {{ investor_name_key('canonical_name') }} as canonical_key
    from (
        select alias_key, min(canonical_name) as canonical_name
        from ({{ investor_alias_keys() }}) as keys
        group by alias_key
    )
)

select
    m.mention_source,
    m.source,
    m.source_file,
    m.source_row,
    m.source_record_key,
    m.position,
    m.investor_name,
    k.name_key,
    coalesce(a.canonical_key, k.name_key) as resolved_key,
    a.canonical_name as known_investor_name,
    m.funding_round_uuid,
    m.crunchbase_investor_uuid,
    m.crunchbase_investor_type,
    m.is_lead,
    -- the reference int_investor_mentions_resolved resolves: the uuid where Crunchbase gives one
    case when m.crunchbase_investor_uuid is not null then 'crunchbase:' || m.crunchbase_investor_uuid
         else 'name:' || coalesce(a.canonical_key, k.name_key) end as mention_ref
from mentions as m
join name_keys as k using (investor_name)
left join aliases as a on a.alias_key = k.name_key
