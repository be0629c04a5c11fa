-- Event participants whose event or participant is not in the database (must be none).
with

event_participants as (
    select * from event_participants
),

events as (
    select * from events
),

participants as (
    select * from participants
),

final as (
    select
        event_participants.event_id,
        event_participants.participant_id
    from event_participants
    left join events
        on event_participants.event_id = events.event_id
    left join participants
        on event_participants.participant_id = participants.participant_id
    where events.event_id is null
        or participants.participant_id is null
)

select * from final
