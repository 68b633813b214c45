-- depends_on: {{ ref('segment_rules') }}, {{ ref('segments') }}, {{ ref('ai_context_keywords') }}, {{ ref('company_name_suffixes') }}
-- The taxonomy (docs/taxonomy.md) applied to every company: an analyst's override (seed
-- company_segment_overrides) wins; otherwise the first rule of seed segment_rules (by priority)
-- whose keywords occur in the company's industry tags, categories and descriptions. The priorities
-- number the segments in their precedence (aigc 1xx > infrastructure 2xx > technology 3xx >
-- application 4xx); the one documented exception is the bare 'Generative AI' tag, tested after the
-- infrastructure rules so a GPU cloud tagged Generative AI stays infrastructure. Rules marked
-- needs_ai_context only apply to companies whose text also has an AI keyword (seed
-- ai_context_keywords): a hospital chain is not an AI healthcare company. A company that no rule
-- matches is not an AI company (is_ai false, segment null).

with companies as (
    select company_id, lower(coalesce(classification_text, '')) as text
    from {{ ref('int_companies_merged') }}
),

flagged as (
    select *, {{ has_ai_context('text') }} as has_ai_context
    from companies
),

by_rule as (
    select
        company_id,
        has_ai_context,
        {{ segment_rule_id('text', 'has_ai_context') }} as matched_rule_id
    from flagged
),

overrides as (
    select
        {{ company_name_key('company_name') }} as override_key,
        cast(company_name as varchar) as override_name,
        coalesce(cast(is_ai as boolean), segment is not null) as is_ai,
        cast(segment as varchar) as segment,
        cast(sub_segment as varchar) as sub_segment,
        cast(reason as varchar) as reason
    from {{ ref('company_segment_overrides') }}
),

override_matches as (
    -- an override names the company by any of its names (normalised, seed aliases applied)
    select r.company_id, o.*
    from overrides as o
    join (
        select mention_source, mention_ref, name_key as match_key from {{ ref('int_company_mentions_keyed') }}
        where name_key in (select override_key from overrides)
        union
        select mention_source, mention_ref, resolved_key from {{ ref('int_company_mentions_keyed') }}
        where resolved_key in (select override_key from overrides)
    ) as m on m.match_key = o.override_key
    join {{ ref('int_company_mentions_resolved') }} as r using (mention_source, mention_ref)
    qualify row_number() over (partition by r.company_id order by o.override_name) = 1
),

with_override as (
    select
        b.*,
        o.override_name,
        o.is_ai as override_is_ai,
        o.segment as override_segment,
        o.sub_segment as override_sub_segment,
        o.reason as override_reason
    from by_rule as b
    left join override_matches as o using (company_id)
)

select
    w.company_id,
    coalesce(w.override_is_ai, r.rule_id is not null) as is_ai,
    case when w.override_name is not null then w.override_segment else r.segment end as segment,
    case when w.override_name is not null then w.override_sub_segment else r.sub_segment end as sub_segment,
    case
        when w.override_name is not null then 'override: ' || coalesce(w.override_reason, w.override_name)
        when r.rule_id is not null then 'rule: ' || r.rule_id
        else 'no rule matched'
    end as classified_by,
    w.has_ai_context
from with_override as w
left join {{ ref('segment_rules') }} as r on r.rule_id = w.matched_rule_id
