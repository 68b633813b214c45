-- depends_on: {{ ref('company_name_suffixes') }}
-- Every way a source names a company, one row per (mention, name): Crunchbase organizations
-- (name, legal name, aliases), cn_export companies (公司名称, 工商名称), unicorns and manual additions. A mention is
-- (mention_source, mention_ref), the handle deal records use: the organization uuid, the unicorn
-- identity of staging (unicorn_key: name + country + city), or the name itself (cn_export,
-- manual: ref_is_name, so two refs whose names normalise alike are one company); name_key is the normalised name
-- (macro company_name_key: legal suffixes dropped), full_key the exact name (only width, case and
-- punctuation normalised), resolved_key the name_key after the known Chinese–English names of
-- seed company_aliases.
with latest_orgs as (
    select *
    from {{ ref('stg_crunchbase__organizations') }}
    where reject_reason is null
    qualify row_number() over (partition by org_uuid order by source_file desc, source_row desc) = 1
),

org_names as (
    select 'crunchbase' as mention_source, org_uuid as mention_ref, false as ref_is_name, n.name, n.name_role,
           country_code, city,
           -- the text once per mention, on its primary name
           case when n.name_role = 'name'
                then concat_ws(' ', category_list, category_groups_list, short_description) end as classification_text,
           cast(null as date) as unicorn_joined_date, cast(null as double) as unicorn_valuation_usd
    from (
        select *, unnest([
            {'name': org_name, 'name_role': 'name'}, {'name': legal_name, 'name_role': 'legal_name'},
            {'name': alias1, 'name_role': 'alias'}, {'name': alias2, 'name_role': 'alias'},
            {'name': alias3, 'name_role': 'alias'}
        ]) as n
        from latest_orgs
    )
    where n.name is not null
),

cn_companies as (
    -- the latest export's company row describes the company
    select *
    from {{ ref('stg_cn_export__rounds') }}
    where not is_continuation and company_name is not null
    qualify row_number() over (partition by company_name order by source_file desc, source_row desc) = 1
),

cn_names as (
    select 'cn_export' as mention_source, company_name as mention_ref, true as ref_is_name, n.name, n.name_role,
           country_code, cast(null as varchar) as city,
           case when n.name_role = 'name' then concat_ws(' ', industry, sub_industry, description) end
               as classification_text,
           cast(null as date) as unicorn_joined_date, cast(null as double) as unicorn_valuation_usd
    from (
        select *, unnest([
            {'name': company_name, 'name_role': 'name'}, {'name': legal_name, 'name_role': 'legal_name'}
        ]) as n
        from cn_companies
    )
    where n.name is not null
),

unicorn_names as (
    -- one mention per unicorn identity (the two US 'Branch' are two, Cohere's repeated row is
    -- one): its first staged copy (copy_number 1 unless that copy was rejected)
    select 'unicorns' as mention_source, unicorn_key as mention_ref, false as ref_is_name, company_name as name,
           'name' as name_role, country_code, city, industry as classification_text,
           date_joined as unicorn_joined_date, valuation_usd as unicorn_valuation_usd
    from {{ ref('stg_unicorns__unicorns') }}
    where reject_reason is null
    qualify row_number() over (partition by unicorn_key order by copy_number) = 1
),

manual_names as (
    select 'manual' as mention_source, company_name as mention_ref, true as ref_is_name, company_name as name,
           'name' as name_role, max(country_code) as country_code, cast(null as varchar) as city,
           string_agg(distinct description, ' ') as classification_text,
           cast(null as date) as unicorn_joined_date, cast(null as double) as unicorn_valuation_usd
    from {{ ref('stg_manual__additions') }}
    where reject_reason is null
    group by company_name
),

all_names as (
    select * from org_names
    union all select * from cn_names
    union all select * from unicorn_names
    union all select * from manual_names
),

cleaned_names as (
    -- normalise each distinct name once (macro company_name_key, in its two steps)
    select name, {{ company_name_cleaned('name') }} as cleaned
    from (select distinct name from all_names)
),

name_keys as (
    -- a name of nothing but punctuation keeps its lower-cased text as key, so it still resolves
    select
        name,
        coalesce(nullif({{ company_name_stripped('cleaned') }}, ''), lower(trim(name))) as name_key,
        coalesce(nullif(replace(cleaned, ' ', ''), ''), lower(trim(name))) as full_key
    from cleaned_names
),

keyed as (
    select n.*, k.name_key, k.full_key
    from all_names as n
    join name_keys as k using (name)
),

aliases as (
    select
        {{ company_name_key('alias') }} as alias_key,
        min({{ company_name_key('canonical_name') }}) as canonical_key
    from {{ ref('company_aliases') }}
    group by 1
)

select
    k.mention_source,
    k.mention_ref,
    k.ref_is_name,
    k.name,
    k.name_role,
    k.name_key,
    k.full_key,
    coalesce(a.canonical_key, k.name_key) as resolved_key,
    a.canonical_key is not null as is_known_alias,
    k.country_code,
    k.city,
    k.classification_text,
    k.unicorn_joined_date,
    k.unicorn_valuation_usd
from keyed as k
left join aliases as a on a.alias_key = k.name_key
