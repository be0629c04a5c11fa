-- Event participants whose event and participant come from different articles (must be none).
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
    inner join events
        on event_participants.event_id = events.event_id
    inner join participants
        on event_participants.participant_id = participants.participant_id
    where events.article_id <> participants.article_id
)

select * from final
