-- One row per distinct event reported in an article (contract: events).
create table if not exists events (
    event_id varchar not null,
    article_id varchar not null,
    event_type varchar not null,
    cameo_code varchar not null,
    status varchar not null,
    trigger varchar not null,
    location varchar,
    location_country varchar,
    event_date date,
    date_text varchar,
    date_precision varchar,
    start bigint not null,
    "end" bigint not null,
    confidence double not null,
    trigger_start bigint,
    trigger_end bigint
)
