-- One row per reported statement (contract: quotes).
create table if not exists quotes (
    quote_id varchar not null,
    article_id varchar not null,
    text varchar not null,
    start bigint not null,
    "end" bigint not null,
    kind varchar not null,
    speaker varchar,
    speaker_participant_id varchar,
    speaker_start bigint,
    speaker_end bigint,
    cue varchar,
    cue_start bigint,
    cue_end bigint
)
