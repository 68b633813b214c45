-- One row per resolved company: display name (the Crunchbase name when there is one, else the
-- unicorn list's, the export's or the analyst's), the Chinese name, every alias seen, country
-- (same order of sources), the text the taxonomy reads, and unicorn status.
with mentions as (
    select m.*, r.company_id,
           case m.mention_source when 'crunchbase' then 1
                when 'unicorns' then 3 when 'cn_export' then 4 else 5 end as source_rank
    from {{ ref('int_company_mentions_keyed') }} as m
    join {{ ref('int_company_mentions_resolved') }} as r using (mention_source, mention_ref)
),

names as (
    select
        company_id,
        arg_min(name, source_rank * 10 + case name_role when 'name' then 0 when 'alias' then 1 else 2 end)
            as company_name,
        arg_min(name, case name_role when 'name' then 0 when 'alias' then 1 else 2 end)
            filter (where strlen(name) > length(name) and regexp_matches(name, '\p{Han}')) as company_name_zh,
        -- (sorted lists rather than ordered aggregates: much cheaper over a million names)
        array_to_string(list_sort(list(distinct name)), ' | ') as aliases,
        count(distinct name) as alias_count,
        arg_min(country_code, source_rank) filter (where country_code is not null) as country_code,
        min(unicorn_joined_date) as unicorn_joined_date,
        max(unicorn_valuation_usd) as unicorn_valuation_usd,
        array_to_string(list_sort(list(distinct mention_source)), ',') as mention_sources
    from mentions
    group by company_id
),

texts as (
    -- what the taxonomy reads (docs/taxonomy.md: industry tags, categories and descriptions, not
    -- names); each mention carries its text on one row
    select
        company_id,
        array_to_string(
            list_transform(list_sort(list([mention_source, mention_ref, classification_text])), lambda x: x[3]),
            ' ; ') as classification_text
    from mentions
    where classification_text is not null
    group by company_id
)

select
    n.company_id,
    n.company_name,
    n.company_name_zh,
    n.aliases,
    n.alias_count,
    n.country_code,
    case when c.country_group is not null then c.country_group else 'other' end as country_group,
    t.classification_text,
    n.unicorn_joined_date,
    n.unicorn_valuation_usd,
    n.mention_sources
from names as n
left join texts as t using (company_id)
left join {{ ref('countries') }} as c on c.iso2 = n.country_code
