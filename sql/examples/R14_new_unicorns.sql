-- R14 · 2024年全球新晋108家独角兽中,AI领域33家(占比30.6%)。美国…25家,中国仅新晋3家.
-- compare: R14a=new_unicorns, R14b=new_ai_unicorns, R14c=ai_share_pct, R14d=us_new_ai_unicorns, R14e=cn_new_ai_unicorns
with params as (select 2024 as report_year)
select
    year,
    max(new_unicorns) filter (where country_group = 'all') as new_unicorns,
    max(new_ai_unicorns) filter (where country_group = 'all') as new_ai_unicorns,
    round(100 * max(ai_share) filter (where country_group = 'all'), 2) as ai_share_pct,
    max(new_ai_unicorns) filter (where country_group = 'US') as us_new_ai_unicorns,
    max(new_ai_unicorns) filter (where country_group = 'CN') as cn_new_ai_unicorns
from mart_unicorns
where year = (select report_year from params)
group by year;
