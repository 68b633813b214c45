-- The cn_export companies whose 融资总额 (the export's own total) differs from the pipeline's sum
-- of their rounds by more than var control_total_tolerance: a warning for the analyst, listed
-- with both numbers and the rows behind them.
select
    company_name,
    source_file,
    source_row,
    total_funding_text,
    export_total_cny,
    pipeline_total_cny,
    difference_cny,
    round_count,
    undisclosed_round_count,
    quarantined_row_count
from {{ ref('int_cn_export_control_totals_reconciled') }}
where is_mismatch
