-- One row per raw Crunchbase organization row: names and aliases, country (ISO alpha-3 mapped to
-- alpha-2 by seed `countries`), the category and description text the taxonomy reads.
with source as (
    select * exclude (_line_error, _raw_line) from {{ source('raw', 'crunchbase_organizations') }} where _line_error is null
),

countries as (
    select * from {{ country_lookup() }}
),

cleaned as (
    select s.*, {{ date_clean('s.founded_on') }} as founded_text, date_order.date_order as founded_order,
           to_json(s)::varchar as raw_record
    from source as s
    {{ join_date_order('crunchbase_organizations', 'founded_on', 's._source_file', 'date_order') }}
),

typed as (
    select
        s._source_file as source_file,
        s._source_row as source_row,
        s._record_key as source_record_key,
        nullif({{ clean_text('s.uuid') }}, '') as org_uuid,
        nullif({{ clean_text('s.name') }}, '') as org_name,
        nullif({{ clean_text('s.legal_name') }}, '') as legal_name,
        upper(nullif({{ clean_text('s.country_code') }}, '')) as country_code_alpha3,
        c.iso2 as country_code,
        nullif({{ clean_text('s.region') }}, '') as region,
        nullif({{ clean_text('s.city') }}, '') as city,
        nullif({{ clean_text('s.short_description') }}, '') as short_description,
        {{ clean_label('s.category_list') }} as category_list,
        {{ clean_label('s.category_groups_list') }} as category_groups_list,
        -- founded_on is descriptive: a date that does not parse is left empty, the row stays
        {{ parse_date_text('s.founded_text', "coalesce(s.founded_order, " ~ date_order_default("'crunchbase'") ~ ")") }} as founded_on,
        nullif({{ clean_text('s.alias1') }}, '') as alias1,
        nullif({{ clean_text('s.alias2') }}, '') as alias2,
        nullif({{ clean_text('s.alias3') }}, '') as alias3,
        s.raw_record
    from cleaned as s
    left join countries as c on c.name_key = {{ normalise_label('s.country_code') }}
)

select
    'crunchbase' as source,
    *,
    case
        when org_uuid is null then 'missing uuid'
        when org_name is null then 'missing name'
    end as reject_reason
from typed
