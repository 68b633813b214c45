{#-
    Cross-source deduplication helpers (docs/raw-formats.md): two records of different sources are one
    financing event when they are the same company, announced within `dedup_window_days`, with
    amounts within `dedup_amount_factor` when both are exact (any amount otherwise), and with
    compatible stages (same stage group, or a pair listed in seed stage_compatibility).
-#}

{#- Candidate pairs of `left` and `right` (relations with record_id, company_id, announced_date,
    stage_group, round_type, amount_status, amount_cny): a blocking join on company and date
    window, never all pairs. `score` is lower for closer events. -#}
{% macro dedup_candidate_pairs(left, right) %}
    {%- set window = var('dedup_window_days', 30) -%}
    {%- set factor = var('dedup_amount_factor', 1.5) -%}
    select
        l.record_id as left_id,
        r.record_id as right_id,
        abs(date_diff('day', l.announced_date, r.announced_date))
            + case when l.amount_status = 'exact' and r.amount_status = 'exact'
                        and l.amount_cny > 0 and r.amount_cny > 0
                   then 20 * abs(ln(l.amount_cny / r.amount_cny)) else 0 end
            + case when l.round_type = r.round_type then 0 else 5 end as score
    from {{ left }} as l
    join {{ right }} as r
        on r.company_id = l.company_id
        and r.announced_date between l.announced_date - interval {{ window }} day
                                 and l.announced_date + interval {{ window }} day
    join stage_pairs as sp
        on sp.stage_group_a = l.stage_group and sp.stage_group_b = r.stage_group
    where not (l.amount_status = 'exact' and r.amount_status = 'exact')
       or (l.amount_cny <= r.amount_cny * {{ factor }} and r.amount_cny <= l.amount_cny * {{ factor }})
{% endmacro %}


{#- Stage groups that may describe one event: every group with itself, and the seed's pairs both
    ways. -#}
{% macro stage_pairs_cte() %}
    stage_pairs as (
        select distinct stage_group_a, stage_group_b from (
            select stage_group as stage_group_a, stage_group as stage_group_b from {{ ref('round_types') }}
            union all select stage_group_a, stage_group_b from {{ ref('stage_compatibility') }}
            union all select stage_group_b, stage_group_a from {{ ref('stage_compatibility') }}
        )
    )
{% endmacro %}


{#- One-to-one matches among candidate `pairs` (left_id, right_id, score): pairs where each side
    is the other's best candidate, in two rounds (a record whose best partner was taken in round
    one may pair with its next best in round two). Expands to CTEs named <name>_round1,
    <name>_round2 and <name> (the matches). -#}
{% macro mutual_best_matches(name, pairs) %}
    {{ name }}_round1 as (
        select left_id, right_id from (
            select *,
                row_number() over (partition by left_id order by score, right_id) as left_rank,
                row_number() over (partition by right_id order by score, left_id) as right_rank
            from {{ pairs }}
        ) where left_rank = 1 and right_rank = 1
    ),
    {{ name }}_round2 as (
        select left_id, right_id from (
            select *,
                row_number() over (partition by left_id order by score, right_id) as left_rank,
                row_number() over (partition by right_id order by score, left_id) as right_rank
            from {{ pairs }} as p
            where not exists (select 1 from {{ name }}_round1 m where m.left_id = p.left_id)
              and not exists (select 1 from {{ name }}_round1 m where m.right_id = p.right_id)
        ) where left_rank = 1 and right_rank = 1
    ),
    {{ name }} as (
        select * from {{ name }}_round1
        union all
        select * from {{ name }}_round2
    )
{% endmacro %}
