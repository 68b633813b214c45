-- One row per investor reference (mention_ref) with the investor it resolves to. A Crunchbase
-- investor uuid is an identity of its own (an anchor: 'crunchbase:<uuid>'); every other mention
-- (cn_export 投资方, manual additions, a Crunchbase row without uuid) is referred to by its
-- resolved key ('name:<key>': names that normalise alike, or that seed investor_aliases ties,
-- are one reference) and takes the anchor whose names have that key, when exactly one anchor
-- does. A key two anchors share (two people of one name with two uuids) is no evidence: the
-- reference stays an investor of its own rather than being given to either. A blocking join on
-- the key, never pairs of names.
with mentions as (
    select * from {{ ref('int_investor_mentions_keyed') }}
),

anchor_keys as (
    -- every key any name of an anchor has (a renamed investor keeps its uuid)
    select distinct crunchbase_investor_uuid as anchor_uuid, resolved_key
    from mentions
    where crunchbase_investor_uuid is not null
),

key_anchors as (
    select resolved_key, count(*) as anchors_sharing, min(anchor_uuid) as anchor_uuid
    from anchor_keys
    group by resolved_key
),

anchors as (
    select distinct
        'crunchbase:' || crunchbase_investor_uuid as mention_ref,
        'crunchbase:' || crunchbase_investor_uuid as anchor
    from mentions
    where crunchbase_investor_uuid is not null
),

name_refs as (
    select distinct resolved_key
    from mentions
    where crunchbase_investor_uuid is null
),

named as (
    select
        'name:' || n.resolved_key as mention_ref,
        case when k.anchors_sharing = 1 then 'crunchbase:' || k.anchor_uuid
             else 'name:' || n.resolved_key end as anchor
    from name_refs as n
    left join key_anchors as k using (resolved_key)
),

resolved as (
    select * from anchors
    union all
    select * from named
)

select
    mention_ref,
    anchor,
    'i_' || left(md5(anchor), 16) as investor_id
from resolved
