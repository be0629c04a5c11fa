-- Which schema version the database is at: one row per version applied, the highest is current.
create table if not exists schema_version (
    version integer not null,
    applied_at timestamp not null,
    package_version varchar not null
)
