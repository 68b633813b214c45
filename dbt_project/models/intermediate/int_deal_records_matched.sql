-- Which financing event (deal) each source record belongs to. Within one source two records are
-- one event only when they are the same record (int_deal_records_collapsed already holds one row per
-- record), so matching is across sources, one-to-one, in two steps:
--   1. cn_export records are matched to Crunchbase records (mutual best candidates);
--   2. manual additions are matched to the deals of step 1.
-- The deal takes its id from its first record (Crunchbase, else cn_export, else manual).
with records as (
    select * from {{ ref('int_deal_records_collapsed') }}
),

{{ stage_pairs_cte() }},

crunchbase as (select * from records where source = 'crunchbase'),
cn_export as (select * from records where source = 'cn_export'),
manual as (select * from records where source = 'manual'),

export_pairs as (
    {{ dedup_candidate_pairs('crunchbase', 'cn_export') }}
),

{{ mutual_best_matches('export_matches', 'export_pairs') }},

export_deals as (
    -- every Crunchbase record anchors a deal; a cn_export record joins it or anchors its own
    select c.record_id, c.record_id as anchor_record_id from crunchbase as c
    union all
    select e.record_id, coalesce(m.left_id, e.record_id) as anchor_record_id
    from cn_export as e
    left join export_matches as m on m.right_id = e.record_id
),

anchors as (
    -- a deal of step 1 is described by its anchor record for matching manual additions
    select r.*
    from records as r
    where r.record_id in (select anchor_record_id from export_deals)
),

manual_pairs as (
    {{ dedup_candidate_pairs('anchors', 'manual') }}
),

{{ mutual_best_matches('manual_matches', 'manual_pairs') }},

assigned as (
    select record_id, anchor_record_id from export_deals
    union all
    select m.record_id, coalesce(mm.left_id, m.record_id) as anchor_record_id
    from manual as m
    left join manual_matches as mm on mm.right_id = m.record_id
)

select
    record_id,
    anchor_record_id,
    'd_' || left(md5(anchor_record_id), 16) as deal_id
from assigned
