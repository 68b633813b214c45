-- One row per company mention (mention_source, mention_ref) with the company it resolves to.
-- Crunchbase organizations anchor companies (their uuid is the identity; their names, legal
-- names and aliases are all keys). Every other mention joins the anchors on name keys (a blocking
-- join on the key, never all pairs) and takes its best candidate, by match strength:
--   0  the registered names are the same (工商名称 / legal_name, exact normalised name)
--   1  exact normalised names are the same (e.g. 公司名称 = a Crunchbase alias)
--   2  primary names are the same once legal suffixes are dropped ('Acme Inc.' = 'Acme')
--   3  the primary name is an alias once legal suffixes are dropped, or through seed
--      company_aliases (registered names must match exactly)
-- then same city, then same country, then a stable tie-break. A match needs compatible countries
-- (equal or one unknown) unless it comes through an explicit alias (Crunchbase alias columns or
-- seed company_aliases), and an ambiguous key is no evidence: a suffix-stripped key must belong to
-- one company on each side (穹镜科技 and 穹镜 would both strip to 穹镜), a registered name to one
-- company of the source, and an exact name shared by two anchors or by two identities of the
-- source (the two US unicorns 'Branch') matches only where the place tells them apart: the same
-- country, and the same city, or no city to compare and the only one of its side in that country.
-- Mentions that match no anchor group by their own exact name (or the seed's canonical name), so
-- the same Chinese company in several exports, the unicorn list and a manual addition is one
-- company, while 瀚律科技 and 瀚律集团 stay two; a mention that shares its name with another
-- identity of its source (the other 'Branch') groups by its name and its identity.
with mentions as (
    select * from {{ ref('int_company_mentions_keyed') }}
),

other_mentions as (
    -- every Crunchbase mention is a (staged) organization, i.e. an anchor
    select * from mentions where mention_source <> 'crunchbase'
),

mention_place as (
    select mention_source, mention_ref, max(country_code) as country_code,
           max({{ normalise_label('city') }}) as city_key
    from other_mentions
    group by all
),

mention_keys as (
    select distinct mention_source, mention_ref, ref_is_name, 'exact' as key_kind, full_key as match_key,
                    name_role, is_known_alias
    from other_mentions
    union
    select distinct mention_source, mention_ref, ref_is_name, 'stripped', resolved_key, name_role, is_known_alias
    from other_mentions
),

anchor_keys as (
    -- every anchor name under both keys (exact, and suffix-stripped with seed aliases applied),
    -- kept only where another source has the same key: the blocking join's build side
    select distinct mention_ref as anchor_ref, 'exact' as key_kind, full_key as match_key, name_role,
                    is_known_alias, country_code, {{ normalise_label('city') }} as city_key
    from mentions
    where mention_source = 'crunchbase'
      and full_key in (select match_key from mention_keys where key_kind = 'exact')
    union
    select distinct mention_ref, 'stripped', resolved_key, name_role, is_known_alias, country_code,
                    {{ normalise_label('city') }}
    from mentions
    where mention_source = 'crunchbase'
      and resolved_key in (select match_key from mention_keys where key_kind = 'stripped')
),

mention_key_counts as (
    -- how many companies of one source share a key (two cn companies 穹镜科技 and 穹镜网络 share
    -- the stripped key 穹镜; two may even share a 工商名称), and how many identities: refs that
    -- are names are one company per exact name (月之暗面 and 月之暗面〔北京〕), other refs one
    -- company each (the two unicorns 'Branch')
    select mention_source, key_kind, match_key,
           count(distinct mention_ref) as mentions_sharing,
           case when bool_and(ref_is_name) then 1 else count(distinct mention_ref) end as identities_sharing
    from mention_keys
    group by all
),

mention_country_counts as (
    -- the same per country: where country alone tells the identities of a name apart
    select k.mention_source, k.match_key, p.country_code,
           case when bool_and(k.ref_is_name) then 1 else count(distinct k.mention_ref) end as identities_in_country
    from mention_keys as k
    join mention_place as p using (mention_source, mention_ref)
    where k.key_kind = 'exact' and p.country_code is not null
    group by all
),

anchor_key_counts as (
    select key_kind, match_key, count(distinct anchor_ref) as anchors_sharing
    from anchor_keys
    group by all
),

anchor_country_counts as (
    select match_key, country_code, count(distinct anchor_ref) as anchors_in_country
    from anchor_keys
    where key_kind = 'exact' and country_code is not null
    group by all
),

candidates as (
    select
        m.mention_source,
        m.mention_ref,
        a.anchor_ref,
        row_number() over (
            partition by m.mention_source, m.mention_ref
            order by
                case
                    when m.key_kind = 'exact' and m.name_role = 'legal_name' and a.name_role = 'legal_name' then 0
                    when m.key_kind = 'exact' then 1
                    when m.name_role = 'name' and a.name_role = 'name' then 2
                    else 3
                end,
                (mc.city_key = a.city_key and mc.country_code = a.country_code) desc nulls last,
                (mc.country_code = a.country_code) desc nulls last,
                a.anchor_ref
        ) as candidate_rank
    from mention_keys as m
    join mention_place as mc
        on mc.mention_source = m.mention_source and mc.mention_ref = m.mention_ref
    join anchor_keys as a on a.key_kind = m.key_kind and a.match_key = m.match_key
    join mention_key_counts as mk
        on mk.mention_source = m.mention_source and mk.key_kind = m.key_kind and mk.match_key = m.match_key
    join anchor_key_counts as ak on ak.key_kind = m.key_kind and ak.match_key = m.match_key
    left join mention_country_counts as mcc
        on m.key_kind = 'exact' and mcc.mention_source = m.mention_source and mcc.match_key = m.match_key
       and mcc.country_code = mc.country_code
    left join anchor_country_counts as acc
        on m.key_kind = 'exact' and acc.match_key = m.match_key and acc.country_code = a.country_code
    where (mc.country_code is null
           or a.country_code is null
           or mc.country_code = a.country_code
           or m.is_known_alias
           or a.is_known_alias
           or a.name_role = 'alias')
      -- an ambiguous key is no evidence: a stripped key must be unique on both sides, a
      -- registered name unique among the source's companies
      and case
              when m.key_kind = 'stripped'
                  then m.name_role = 'name' and a.name_role in ('name', 'alias')
                       and mk.mentions_sharing = 1 and ak.anchors_sharing = 1
              when m.name_role = 'legal_name' then mk.mentions_sharing = 1
              else true
          end
      -- an exact name of several anchors or several identities of the source: the place must
      -- tell which is which (same country; same city, or no city to compare and the only one of
      -- its side in that country)
      and (m.key_kind = 'stripped'
           or (mk.identities_sharing = 1 and ak.anchors_sharing = 1)
           or (mc.country_code = a.country_code
               and (mc.city_key = a.city_key
                    or ((mc.city_key is null or a.city_key is null)
                        and mcc.identities_in_country = 1 and acc.anchors_in_country = 1))))
),

own_names as (
    -- the key a mention groups by when it matches no anchor: its own primary name, exact (or
    -- the canonical name when seed company_aliases knows it)
    select
        mention_source,
        mention_ref,
        bool_and(ref_is_name) as ref_is_name,
        arg_min(case when is_known_alias then resolved_key else full_key end,
                case name_role when 'name' then 0 else 1 end) as own_key
    from other_mentions
    group by all
),

own_keys as (
    -- a ref that is an identity (a unicorn) and shares its name with another identity of its
    -- source keeps apart from it: its name and its identity
    select
        mention_source,
        mention_ref,
        case when not ref_is_name and count(*) over (partition by mention_source, own_key) > 1
             then own_key || '|' || mention_source || ':' || mention_ref
             else own_key end as own_key
    from own_names
),

resolved as (
    -- one row per organization: its primary name row
    select mention_source, mention_ref, 'crunchbase:' || mention_ref as anchor
    from mentions
    where mention_source = 'crunchbase' and name_role = 'name'

    union all

    select
        o.mention_source,
        o.mention_ref,
        coalesce('crunchbase:' || c.anchor_ref, 'name:' || o.own_key) as anchor
    from own_keys as o
    left join candidates as c
        on c.mention_source = o.mention_source and c.mention_ref = o.mention_ref and c.candidate_rank = 1
)

select
    mention_source,
    mention_ref,
    anchor,
    'c_' || left(md5(anchor), 16) as company_id
from resolved
