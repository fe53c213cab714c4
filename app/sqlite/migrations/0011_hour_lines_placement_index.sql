-- Import speed: hour_lines_placement (an index on placement_id, work_date)
-- served no query. Hour lines are read by period (work_date BETWEEN, through
-- hour_lines_date, then sorted), by id, and by import file; no statement
-- selects or joins them by placement, and placements are never deleted (the
-- foreign key needs no child index for that). It cost a second index insert
-- for every imported line: a fifth of storing the 60,000 lines of a 20,000-row
-- wide sheet (0.36–0.43 s with it, 0.28–0.29 s without).
DROP INDEX IF EXISTS hour_lines_placement;
