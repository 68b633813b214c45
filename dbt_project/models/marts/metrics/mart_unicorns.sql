-- R14: companies that first reached a valuation of at least 1 bn USD (unicorn_joined_date of
-- dim_companies) per year and country group ('all' = every group), all sectors and AI only.
-- Every year from the first to the last joining year is listed for every group.

with

unicorns as (
    select
        year(unicorn_joined_date) as year,
        coalesce(country_group, 'other') as country_group,
        coalesce(is_ai, false) as is_ai
    from {{ ref('dim_companies') }}
    where unicorn_joined_date is not null
),

unicorn_years as (
    select unnest(range(min(year), max(year) + 1))::integer as year
    from unicorns
),

country_groups as (
    {{ metrics_country_groups(with_total=true) }}
),

new_per_year as (
    select
        year,
        case when grouping(country_group) = 1 then 'all' else country_group end as country_group,
        count(*) as new_unicorns,
        count(*) filter (where is_ai) as new_ai_unicorns
    from unicorns
    group by grouping sets ((year, country_group), (year))  -- noqa: PRS
)

select
    unicorn_years.year,
    country_groups.country_group,
    coalesce(new_per_year.new_unicorns, 0) as new_unicorns,
    coalesce(new_per_year.new_ai_unicorns, 0) as new_ai_unicorns,
    {{ metrics_ratio('new_per_year.new_ai_unicorns', 'new_per_year.new_unicorns') }} as ai_share
from unicorn_years
cross join country_groups
left join new_per_year
    on new_per_year.year = unicorn_years.year
    and new_per_year.country_group = country_groups.country_group
order by unicorn_years.year, country_groups.country_group
