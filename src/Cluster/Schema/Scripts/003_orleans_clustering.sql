-- Version 3: storage for Orleans cluster membership (ADO.NET clustering provider, invariant "Npgsql").
-- Written for the query contract of Microsoft.Orleans.Clustering.AdoNet 10.4.2 used with Npgsql 10.0.3.
-- The provider runs "SELECT QueryKey, QueryText FROM OrleansQuery" unqualified, so the application connects
-- for clustering with "Search Path=orleans"; the query texts below are fully qualified regardless.
-- 10.4.2 binds strings as text, integers as integer and DateTime (always UTC) as timestamptz, and reads each
-- conditional write as one column: non-zero means success. Its insert and update send no @MetadataJson.
-- Version is the membership table's etag: a write succeeds only if @Version equals the stored Version,
-- and every successful insert or update of a silo row adds one to it.
CREATE SCHEMA IF NOT EXISTS orleans;

CREATE TABLE orleans.OrleansQuery (
    QueryKey  text PRIMARY KEY,
    QueryText text NOT NULL
);

-- One row per cluster (the provider's DeploymentId is the Orleans ClusterId).
CREATE TABLE orleans.OrleansMembershipVersionTable (
    DeploymentId text        PRIMARY KEY,
    Version      integer     NOT NULL DEFAULT 0,
    ChangedAt    timestamptz NOT NULL DEFAULT now()
);

-- One row per silo incarnation. SuspectTimes holds "silo,time|silo,time" as the provider formats it.
CREATE TABLE orleans.OrleansMembershipTable (
    DeploymentId text        NOT NULL REFERENCES orleans.OrleansMembershipVersionTable (DeploymentId),
    Address      text        NOT NULL,
    Port         integer     NOT NULL,
    Generation   integer     NOT NULL,
    SiloName     text        NOT NULL,
    HostName     text        NOT NULL,
    Status       integer     NOT NULL,
    ProxyPort    integer     NOT NULL,
    SuspectTimes text,
    StartTime    timestamptz NOT NULL,
    IAmAliveTime timestamptz NOT NULL,
    PRIMARY KEY (DeploymentId, Address, Port, Generation)
);

-- Inserts a silo row if the cluster's version still equals expected_version and the row is new; then bumps
-- the version. Returns 1 on success and 0 (changing nothing) otherwise. Locking the version row first
-- serialises all membership writes of a cluster, so no exception or rollback is needed.
CREATE FUNCTION orleans.insert_membership(
    p_deployment_id text, p_address text, p_port integer, p_generation integer,
    p_silo_name text, p_host_name text, p_status integer, p_proxy_port integer,
    p_start_time timestamptz, p_i_am_alive_time timestamptz, p_expected_version integer)
RETURNS integer
LANGUAGE plpgsql
AS $body$
DECLARE
    stored_version integer;
BEGIN
    SELECT v.Version INTO stored_version
    FROM orleans.OrleansMembershipVersionTable AS v
    WHERE v.DeploymentId = p_deployment_id
    FOR UPDATE;
    IF NOT FOUND OR stored_version IS DISTINCT FROM p_expected_version THEN
        RETURN 0;
    END IF;

    INSERT INTO orleans.OrleansMembershipTable
        (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort,
         SuspectTimes, StartTime, IAmAliveTime)
    VALUES
        (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status, p_proxy_port,
         NULL, p_start_time, p_i_am_alive_time)
    ON CONFLICT (DeploymentId, Address, Port, Generation) DO NOTHING;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    UPDATE orleans.OrleansMembershipVersionTable AS v
    SET Version = v.Version + 1, ChangedAt = now()
    WHERE v.DeploymentId = p_deployment_id;
    RETURN 1;
END;
$body$;

-- Updates an existing silo row under the same version check; returns 1 on success, 0 otherwise.
CREATE FUNCTION orleans.update_membership(
    p_deployment_id text, p_address text, p_port integer, p_generation integer,
    p_status integer, p_suspect_times text, p_i_am_alive_time timestamptz, p_expected_version integer)
RETURNS integer
LANGUAGE plpgsql
AS $body$
DECLARE
    stored_version integer;
BEGIN
    SELECT v.Version INTO stored_version
    FROM orleans.OrleansMembershipVersionTable AS v
    WHERE v.DeploymentId = p_deployment_id
    FOR UPDATE;
    IF NOT FOUND OR stored_version IS DISTINCT FROM p_expected_version THEN
        RETURN 0;
    END IF;

    UPDATE orleans.OrleansMembershipTable AS m
    SET Status = p_status, SuspectTimes = p_suspect_times, IAmAliveTime = p_i_am_alive_time
    WHERE m.DeploymentId = p_deployment_id
      AND m.Address = p_address AND m.Port = p_port AND m.Generation = p_generation;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    UPDATE orleans.OrleansMembershipVersionTable AS v
    SET Version = v.Version + 1, ChangedAt = now()
    WHERE v.DeploymentId = p_deployment_id;
    RETURN 1;
END;
$body$;

INSERT INTO orleans.OrleansQuery (QueryKey, QueryText) VALUES
-- Creates the cluster's version row once; returns 1 if this call created it, 0 if it already existed.
('InsertMembershipVersionKey', '
WITH created AS (
    INSERT INTO orleans.OrleansMembershipVersionTable (DeploymentId)
    VALUES (@DeploymentId)
    ON CONFLICT (DeploymentId) DO NOTHING
    RETURNING 1
)
SELECT count(*)::integer AS row_count FROM created;'),

('InsertMembershipKey', '
SELECT orleans.insert_membership(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
    @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version) AS row_count;'),

('UpdateMembershipKey', '
SELECT orleans.update_membership(@DeploymentId, @Address, @Port, @Generation,
    @Status, @SuspectTimes, @IAmAliveTime, @Version) AS row_count;'),

-- Heartbeat: no version check and no version change; the provider ignores the result.
('UpdateIAmAlivetimeKey', '
UPDATE orleans.OrleansMembershipTable
SET IAmAliveTime = @IAmAliveTime
WHERE DeploymentId = @DeploymentId
  AND Address = @Address AND Port = @Port AND Generation = @Generation;'),

-- The version row always comes back (with NULL silo columns when the silo has no row): the provider
-- takes the table version from the first row and treats a NULL StartTime as "no silo".
('MembershipReadRowKey', '
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
FROM orleans.OrleansMembershipVersionTable AS v
LEFT JOIN orleans.OrleansMembershipTable AS m
       ON m.DeploymentId = v.DeploymentId
      AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
WHERE v.DeploymentId = @DeploymentId;'),

('MembershipReadAllKey', '
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
FROM orleans.OrleansMembershipVersionTable AS v
LEFT JOIN orleans.OrleansMembershipTable AS m ON m.DeploymentId = v.DeploymentId
WHERE v.DeploymentId = @DeploymentId;'),

-- Clients find gateways here; @Status is Active (3). The provider reads Address, ProxyPort and Generation.
('GatewaysQueryKey', '
SELECT Address, ProxyPort, Generation
FROM orleans.OrleansMembershipTable
WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0;'),

('DeleteMembershipTableEntriesKey', '
DELETE FROM orleans.OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
DELETE FROM orleans.OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;'),

-- Used by 10.4.2 whenever this key exists: the provider picks Dead rows older than its cutoff from
-- MembershipReadAllKey, then deletes each one only if it still holds exactly the values it read
-- (SuspectTimes comes back NULL when the stored text was empty, hence the coalesce).
('CleanupDefunctSiloEntryKey', '
DELETE FROM orleans.OrleansMembershipTable
WHERE DeploymentId = @DeploymentId
  AND Address = @Address AND Port = @Port AND Generation = @Generation
  AND Status = 6
  AND StartTime = @StartTime AND IAmAliveTime = @IAmAliveTime
  AND coalesce(SuspectTimes, '''') = coalesce(@SuspectTimes, '''');'),

-- Required to be present, but 10.4.2 only runs it when CleanupDefunctSiloEntryKey is absent:
-- deletes Dead silos whose start and last heartbeat both precede the cutoff @IAmAliveTime.
('CleanupDefunctSiloEntriesKey', '
DELETE FROM orleans.OrleansMembershipTable
WHERE DeploymentId = @DeploymentId
  AND Status = 6
  AND StartTime < @IAmAliveTime AND IAmAliveTime < @IAmAliveTime;');
