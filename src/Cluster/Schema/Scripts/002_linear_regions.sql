-- Version 2: linear-region jobs. A job says which regions it counts; exact cells of a linear job also
-- report pairs of adjacent regions with equal output maps, merged into the job's linear regions at the end.
ALTER TABLE regions.jobs ADD COLUMN definition text NOT NULL DEFAULT 'activation'
    CHECK (definition IN ('activation', 'linear'));

CREATE TABLE regions.merges (
    job_id  bigint NOT NULL REFERENCES regions.jobs (id) ON DELETE CASCADE,
    a_high  bigint NOT NULL,
    a_low   bigint NOT NULL,
    b_high  bigint NOT NULL,
    b_low   bigint NOT NULL
);

CREATE INDEX merges_job ON regions.merges (job_id);
