-- Every staged raw row that describes a financing event, from every deal source, in one shape,
-- with its amount converted to CNY and USD at the announcement month's rate. Overlapping files
-- repeat a record: every copy is kept here (they are all linked to the deal later).
-- fx_reject_reason names the currency and month that have no rate; excluded_reason carries the
-- analyst's exclusion. Rows with either are quarantined, not deals.
with cn_export as (
    select
        source, source_file, source_row, source_record_key,
        'cn_export' as mention_source,
        company_name as mention_ref,
        cast(null as varchar) as funding_round_uuid,
        cast(null as double) as post_money_valuation_usd,
        announced_date, date_precision, round_raw, round_type, stage_group, is_counted_round,
        amount_raw, amount_status, amount_original, currency, investors_raw
    from {{ ref('stg_cn_export__rounds') }}
    where reject_reason is null and row_kind = 'round'
),

crunchbase as (
    select
        source, source_file, source_row, source_record_key,
        'crunchbase' as mention_source,
        org_uuid as mention_ref,
        funding_round_uuid,
        post_money_valuation_usd,
        announced_date, date_precision, round_raw, round_type, stage_group, is_counted_round,
        amount_raw, amount_status, amount_original, currency,
        cast(null as varchar) as investors_raw
    from {{ ref('stg_crunchbase__funding_rounds') }}
    where reject_reason is null
),

manual as (
    select
        source, source_file, source_row, source_record_key,
        'manual' as mention_source,
        company_name as mention_ref,
        cast(null as varchar) as funding_round_uuid,
        cast(null as double) as post_money_valuation_usd,
        announced_date, date_precision, round_raw, round_type, stage_group, is_counted_round,
        amount_raw, amount_status, amount_original, currency, investors_raw
    from {{ ref('stg_manual__additions') }}
    where reject_reason is null
),

deal_rows as (
    select * from cn_export
    union all select * from crunchbase
    union all select * from manual
),

fx as (
    select month, currency, cny_per_unit
    from {{ ref('stg_reference__fx_rates') }}
    where reject_reason is null and copy_number = 1
),

converted as (
    select
        d.*,
        strftime(d.announced_date, '%Y-%m') as fx_month,
        case when d.currency = 'CNY' then 1.0 else deal_fx.cny_per_unit end as fx_cny_per_unit,
        usd_fx.cny_per_unit as fx_cny_per_usd
    from deal_rows as d
    left join fx as deal_fx
        on deal_fx.currency = d.currency and deal_fx.month = strftime(d.announced_date, '%Y-%m')
    left join fx as usd_fx
        on usd_fx.currency = 'USD' and usd_fx.month = strftime(d.announced_date, '%Y-%m')
),

exclusions as (
    select excluded_source, excluded_record_key, min(reason) as reason
    from {{ ref('stg_manual__exclusions') }}
    where reject_reason is null
    group by all
)

select
    c.source,
    c.source_file,
    c.source_row,
    c.source_record_key,
    c.mention_source,
    c.mention_ref,
    c.funding_round_uuid,
    c.post_money_valuation_usd,
    c.announced_date,
    c.date_precision,
    c.round_raw,
    c.round_type,
    c.stage_group,
    c.is_counted_round,
    c.amount_raw,
    c.amount_status,
    c.amount_original,
    c.currency,
    c.fx_month,
    c.fx_cny_per_unit,
    c.fx_cny_per_usd,
    c.amount_original * c.fx_cny_per_unit as amount_cny,
    c.amount_original * c.fx_cny_per_unit / c.fx_cny_per_usd as amount_usd,
    c.investors_raw,
    case
        when c.amount_status = 'undisclosed' then null
        when c.fx_cny_per_unit is null and c.fx_cny_per_usd is null and c.currency <> 'USD'
            then 'no FX rate for ' || c.currency || ' nor USD in ' || c.fx_month
        when c.fx_cny_per_unit is null then 'no FX rate for ' || c.currency || ' in ' || c.fx_month
        when c.fx_cny_per_usd is null then 'no FX rate for USD in ' || c.fx_month || ' (needed for amount_usd)'
    end as fx_reject_reason,
    case when x.reason is not null then 'excluded by analyst: ' || x.reason end as excluded_reason
from converted as c
left join exclusions as x
    on x.excluded_source = c.source and x.excluded_record_key = c.source_record_key
