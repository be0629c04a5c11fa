-- One row per completed load: when, by which package version, and how many rows of each table.
create table if not exists runs (
    run_id varchar not null,
    started_at timestamp not null,
    finished_at timestamp not null,
    package_version varchar not null,
    schema_version integer not null,
    source varchar,
    articles bigint not null,
    participants bigint not null,
    events bigint not null,
    event_participants bigint not null,
    quotes bigint not null,
    rejects bigint not null,
    replaced_articles bigint not null
)
