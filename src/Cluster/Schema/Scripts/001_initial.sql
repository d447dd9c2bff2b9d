-- Version 1: jobs, their cells (the units of work, leased with SKIP LOCKED), the merged pattern
-- set of each job, and silo membership.
CREATE TABLE regions.jobs (
    id            bigserial PRIMARY KEY,
    created_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz,
    state         text        NOT NULL CHECK (state IN ('open', 'done', 'cancelled')),
    network       text        NOT NULL,
    box           text        NOT NULL,
    method        text        NOT NULL CHECK (method IN ('sample', 'exact')),
    points        bigint      NOT NULL,
    cells         integer     NOT NULL,
    seed          numeric(20) NOT NULL,
    sampler       text        NOT NULL,
    cells_done    integer     NOT NULL DEFAULT 0,
    points_done   bigint      NOT NULL DEFAULT 0,
    -- Size of the merged set, kept by the exactly-once cell merges so status never counts rows.
    distinct_patterns bigint  NOT NULL DEFAULT 0,
    regions       bigint,
    seen_once     bigint,
    seen_twice    bigint
);

CREATE TABLE regions.cells (
    job_id        bigint      NOT NULL REFERENCES regions.jobs (id) ON DELETE CASCADE,
    cell          integer     NOT NULL,
    state         text        NOT NULL CHECK (state IN ('pending', 'leased', 'done')),
    lease_token   uuid,
    lease_expires timestamptz,
    silo          text,
    attempts      integer     NOT NULL DEFAULT 0,
    finished_at   timestamptz,
    PRIMARY KEY (job_id, cell)
);

-- Finding work scans only cells that are not done.
CREATE INDEX cells_open ON regions.cells (job_id, cell) WHERE state <> 'done';

-- The merged set: one row per distinct pattern fingerprint of a job, with its sample hits.
CREATE TABLE regions.patterns (
    job_id   bigint NOT NULL REFERENCES regions.jobs (id) ON DELETE CASCADE,
    fp_high  bigint NOT NULL,
    fp_low   bigint NOT NULL,
    hits     bigint NOT NULL,
    PRIMARY KEY (job_id, fp_high, fp_low)
);

CREATE TABLE regions.silos (
    name          text        PRIMARY KEY,
    host          text        NOT NULL,
    pid           integer     NOT NULL,
    threads       integer     NOT NULL,
    started_at    timestamptz NOT NULL DEFAULT now(),
    heartbeat_at  timestamptz NOT NULL DEFAULT now(),
    stopped_at    timestamptz
);
