-- One row per raw Crunchbase organization row: names and aliases, country (ISO alpha-3 mapped to
-- alpha-2 by seed `countries`), the category and description text the taxonomy reads.
with source as (
    select * exclude (_line_error, _raw_line) from {{ source('raw', 'crunchbase_organizations') }} where _line_error is null
),

countries as (
    select * from {{ country_lookup() }}
),

typed as (
    select
        s._source_file as source_file,
        s._source_row as source_row,
        s._record_key as source_record_key,
        nullif(trim(s.uuid), '') as org_uuid,
        nullif(trim(s.name), '') as org_name,
        nullif(trim(s.legal_name), '') as legal_name,
        upper(nullif(trim(s.country_code), '')) as country_code_alpha3,
        c.iso2 as country_code,
        nullif(trim(s.region), '') as region,
        nullif(trim(s.city), '') as city,
        nullif(trim(s.short_description), '') as short_description,
        nullif(trim(s.category_list), '') as category_list,
        nullif(trim(s.category_groups_list), '') as category_groups_list,
        {{ parse_date_text('s.founded_on') }} as founded_on,
        nullif(trim(s.alias1), '') as alias1,
        nullif(trim(s.alias2), '') as alias2,
        nullif(trim(s.alias3), '') as alias3,
        to_json(s)::varchar as raw_record
    from source as s
    left join countries as c on c.name_key = lower(trim(s.country_code))
)

select
    'crunchbase' as source,
    *,
    case
        when org_uuid is null then 'missing uuid'
        when org_name is null then 'missing name'
    end as reject_reason
from typed
