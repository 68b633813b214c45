-- depends_on: {{ ref('investor_type_rules') }}
-- One row per distinct investor name seen in any source, with its type (docs/taxonomy.md, second
-- taxonomy): the first rule of seed investor_type_rules whose keywords occur in the name
-- (state_capital > sovereign_fund > corporate by priority), else Crunchbase's own investor_type
-- mapped by seed crunchbase_investor_types, else vc_pe.

with listed as (
    -- every investor name any staged source gives (split like int_deal_investors_collected)
    select trim(unnest({{ investor_names_split('investors_raw') }})) as investor_name,
           cast(null as varchar) as crunchbase_investor_type
    from {{ ref('int_deal_rows_fx_converted') }}
    where investors_raw is not null
    union all
    select investor_name, investor_type
    from {{ ref('stg_crunchbase__investments') }}
    where reject_reason is null
),

names as (
    select investor_name, max(crunchbase_investor_type) as crunchbase_investor_type
    from listed
    where {{ is_investor_name('investor_name') }}
    group by investor_name
),

typed as (
    select
        n.investor_name,
        {{ investor_rule_type('lower(n.investor_name)') }} as rule_type,
        cb.investor_type as crunchbase_type
    from names as n
    left join {{ ref('crunchbase_investor_types') }} as cb
        on cb.crunchbase_investor_type = n.crunchbase_investor_type
)

select
    investor_name,
    coalesce(rule_type, crunchbase_type, 'vc_pe') as investor_type,
    case when rule_type is not null then 'name rule'
         when crunchbase_type is not null then 'crunchbase investor_type'
         else 'default' end as typed_by
from typed
