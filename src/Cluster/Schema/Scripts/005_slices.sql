-- Version 5: a job may count on a segment or plane through the input space (issue 13), sampled or exact.
-- slice is the slice as its token O:D1[:D2] (JobSpec.Slice; box is then the box of its parameters), or null
-- for a box of the inputs, as every job before this version.
ALTER TABLE regions.jobs ADD COLUMN slice text;
