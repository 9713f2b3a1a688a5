-- P7 (quality.md): the first page of GET /v1/collections/due read in order from an index instead of sorting all of a
-- partner's participants. The expression is CollectionRepository's lapses_on (first unpaid month + 4 months) exactly
-- as the planner sees it after pulling up the lateral subquery, and the predicate its fixed filters, so a page is a
-- range scan that stops after the page size (1,000,000-participant bench data, partner of 100,000: 217 ms → 1.2 ms).
create index participant_collection_idx on participant (partner_id,
    ((coalesce((covered_until + interval '1 month')::date, registration_month) + interval '4 months')::date), id)
    where status <> 'VOID' and monthly_income is not null and occupation is not null;
