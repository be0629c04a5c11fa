-- Who took part in which event, and in what role (contract: event_participants).
create table if not exists event_participants (
    event_id varchar not null,
    participant_id varchar not null,
    role varchar not null
)
