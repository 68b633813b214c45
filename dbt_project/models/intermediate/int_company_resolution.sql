-- One row per company mention (mention_source, mention_ref) with the company it resolves to.
-- Crunchbase organizations anchor companies (their uuid is the identity; their names, legal
-- names and aliases are all keys). Every other mention joins the anchors on its normalised name
-- keys (a blocking join on the key, never all pairs): a match needs compatible countries (equal or
-- one unknown) unless it comes through an explicit alias (Crunchbase alias columns or seed
-- company_aliases). Mentions that match no anchor group by their own primary name key, so the
-- same Chinese company in several exports, the unicorn list and a manual addition is one company.
with mentions as (
    select * from {{ ref('int_company_mentions') }}
),

anchor_keys as (
    select distinct
        mention_ref as anchor_ref,
        resolved_key,
        name_role,
        is_known_alias,
        country_code
    from mentions
    where mention_source = 'crunchbase'
      and mention_ref in (select org_uuid from {{ ref('stg_crunchbase__organizations') }} where reject_reason is null)
),

other_mentions as (
    select * from mentions
    where not (mention_source = 'crunchbase'
               and mention_ref in (select anchor_ref from anchor_keys))
),

mention_country as (
    select mention_source, mention_ref, max(country_code) as country_code
    from other_mentions
    group by all
),

candidates as (
    select
        m.mention_source,
        m.mention_ref,
        a.anchor_ref,
        -- rank: same country, then the primary names on both sides, then a stable tie-break
        row_number() over (
            partition by m.mention_source, m.mention_ref
            order by (mc.country_code = a.country_code) desc nulls last,
                     (m.name_role = 'name' and a.name_role = 'name') desc,
                     (m.name_role = 'name' or a.name_role = 'name') desc,
                     a.anchor_ref
        ) as candidate_rank
    from other_mentions as m
    join mention_country as mc using (mention_source, mention_ref)
    join anchor_keys as a on a.resolved_key = m.resolved_key
    where mc.country_code is null
       or a.country_code is null
       or mc.country_code = a.country_code
       or m.is_known_alias
       or a.is_known_alias
       or a.name_role = 'alias'
),

primary_keys as (
    -- the key a mention groups by when it matches no anchor: its own name (not a legal name)
    select mention_source, mention_ref,
           arg_min(resolved_key, case name_role when 'name' then 0 else 1 end) as primary_key
    from other_mentions
    group by all
),

resolved as (
    select distinct mention_source, mention_ref, 'crunchbase:' || anchor_ref as anchor
    from anchor_keys
    join (select distinct mention_source, mention_ref from mentions where mention_source = 'crunchbase') as m
        on m.mention_ref = anchor_keys.anchor_ref

    union all

    select
        p.mention_source,
        p.mention_ref,
        coalesce('crunchbase:' || c.anchor_ref, 'name:' || p.primary_key) as anchor
    from primary_keys as p
    left join candidates as c
        on c.mention_source = p.mention_source and c.mention_ref = p.mention_ref and c.candidate_rank = 1
)

select
    mention_source,
    mention_ref,
    anchor,
    'c_' || left(md5(anchor), 16) as company_id
from resolved
