-- One row per resolved investor (int_investors_merged; docs/transform.md, investor resolution).
select
    investor_id,
    investor_name,
    investor_name_zh,
    aliases,
    alias_count,
    name_key,
    investor_type,
    typed_by,
    country_code,
    country_basis,
    country_group,
    crunchbase_uuid,
    crunchbase_investor_type,
    sources,
    mention_count
from {{ ref('int_investors_merged') }}
