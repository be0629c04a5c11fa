-- Every input or row that did not make it into the tables, with the rule it broke.
create table if not exists rejects (
    "table" varchar not null,
    row_id varchar,
    source varchar,
    row varchar not null,
    rule varchar not null,
    article_id varchar,
    run_id varchar not null
)
