-- One row per distinct document (contract: articles).
create table if not exists articles (
    article_id varchar not null,
    source varchar not null,
    publisher varchar,
    title varchar not null,
    published_at timestamp,
    dateline varchar,
    language varchar not null,
    text varchar not null,
    body_start bigint not null,
    n_words bigint not null
)
