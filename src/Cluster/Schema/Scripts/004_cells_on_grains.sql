-- Version 4: cells run on Orleans grains. The lease queue (cells leased with SKIP LOCKED, heartbeats, the
-- silos table) is gone: Orleans keeps membership (script 003) and the job grain keeps the cells' state. What
-- stays durable here is each job, each finished cell (one row, written once per (job, cell)) and the cell's
-- fingerprints as one binary block per pattern shard, from which a shard grain rebuilds its part of the
-- merged set. The merged set itself lives in the shard grains' memory, no longer in a table.
DROP TABLE regions.patterns;
DROP TABLE regions.merges;
DROP TABLE regions.silos;
DROP TABLE regions.cells;

ALTER TABLE regions.jobs DROP CONSTRAINT jobs_state_check;
ALTER TABLE regions.jobs ADD CONSTRAINT jobs_state_check CHECK (state IN ('open', 'done', 'cancelled', 'failed'));
ALTER TABLE regions.jobs ADD COLUMN shards integer NOT NULL DEFAULT 0;
ALTER TABLE regions.jobs ADD COLUMN silos_working integer NOT NULL DEFAULT 0;
ALTER TABLE regions.jobs ADD COLUMN error text;
-- Open jobs of the lease queue kept their merged set in regions.patterns: they start again from their first cell.
UPDATE regions.jobs SET cells_done = 0, points_done = 0, distinct_patterns = 0 WHERE state = 'open';

CREATE TABLE regions.cell_results (
    job_id      bigint      NOT NULL REFERENCES regions.jobs (id) ON DELETE CASCADE,
    cell        integer     NOT NULL,
    points      bigint      NOT NULL,
    -- Linear-region jobs: the cell's pairs of adjacent regions with equal maps, as a fingerprint block.
    merges      bytea,
    finished_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (job_id, cell)
);

CREATE TABLE regions.cell_shards (
    job_id       bigint  NOT NULL REFERENCES regions.jobs (id) ON DELETE CASCADE,
    shard        integer NOT NULL,
    cell         integer NOT NULL,
    -- A fingerprint block: 8-byte header, 16-byte fingerprints, then 8-byte hit counts for sampling jobs.
    fingerprints bytea   NOT NULL,
    PRIMARY KEY (job_id, shard, cell)
);
