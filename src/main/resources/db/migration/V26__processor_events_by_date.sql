-- Each reconciliation first clears what a failed attempt at its date could have left
-- (ReconcileTasklet.CLEAR_DATE): every table it clears is keyed by the date first, but processor_event
-- was keyed only by the event, so the clear read the whole table each night, every event of the
-- history (27,473 pages at night 21 of a twenty-night history, and one more night of events each
-- night). With this index the clear reads the date's own entries, normally none; the index takes
-- each night's events at its end.
CREATE INDEX processor_event_business_date_idx ON processor_event (business_date);
