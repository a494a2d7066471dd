-- Each decision keeps the event time of its trigger (issue 10, the dense night). decisions.csv lists a
-- night's decisions in the order they were made: the reissues the actions decided first, in request
-- order, then the night's triggers by event time and refund key (RefundRules.decisionOrderSql). Until
-- now seq held that place as a number: every part of the decisions numbered all the night's triggers
-- in that order (a sort of them all and a window, in each part) to keep the numbers of its own. A
-- dense night's part (psql, 629,284 of 1,259,638 triggers): its pass 6.9 s with the numbering, 3.5 s
-- without it.
--
-- Now a trigger's decision keeps its event time, and seq counts only the reissues: 1 to n for the
-- reissues, n + 1 for every trigger's decision. The report puts the reissues first by their seq, then
-- the triggers' decisions by event time and refund key ("C" collation): the same order. Decisions
-- stored before this version have no event time and seq numbers every decision in that order; the
-- report then takes the event time from the date's trigger (refund_trigger, kept for every date), so
-- a date decided before this version, or a night begun before it and ended after it, is reported in
-- the same order too. Nullable, so adding it rewrites nothing.
ALTER TABLE decision ADD COLUMN event_time TIMESTAMPTZ;
COMMENT ON COLUMN decision.event_time IS
    'the event time of the decided trigger (refund_trigger.event_time); NULL for a reissue, and for decisions stored before V37';
COMMENT ON COLUMN decision.seq IS
    'a reissue''s place among the date''s reissues (1 to n); n + 1 for a trigger''s decision (before V37: its place among all the date''s decisions)';
