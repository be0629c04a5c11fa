-- One row per actor of an article (contract: participants).
create table if not exists participants (
    participant_id varchar not null,
    article_id varchar not null,
    name varchar not null,
    kind varchar not null,
    title varchar,
    organization varchar,
    country varchar,
    entity_key varchar not null,
    aliases varchar[] not null,
    mentions bigint not null,
    first_start bigint not null,
    first_end bigint not null
)
