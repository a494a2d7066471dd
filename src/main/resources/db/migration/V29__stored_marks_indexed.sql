-- The staged orders marked stored (V27) found without reading staging whole. The fixed-field check, each
-- part's update of changed orders and each part's clearing of its marks read every staged row (186 MB for a
-- million orders) to find the marked ones: 0.1 s to 0.2 s each, five passes a night, even on a night that
-- brings no stored order at all. A partial index holds only the marked rows: empty after the load (whose
-- ANALYZE then tells the planner that few are marked), and the marks go in by line, at the index's end.
CREATE INDEX stage_orders_stored_idx ON stage_orders (line_no) WHERE stored;
