-- What happened when: every event in date order, with its participants, place and status.
with

events as (
    select * from events
),

event_participants as (
    select * from event_participants
),

participants as (
    select * from participants
),

articles as (
    select * from articles
),

members as (
    select
        event_participants.event_id,
        string_agg(
            participants.name || ' (' || event_participants.role || ')',
            ', '
            order by participants.name
        ) as participants
    from event_participants
    inner join participants
        on event_participants.participant_id = participants.participant_id
    group by event_participants.event_id
),

final as (
    select
        events.event_date,
        events.date_precision,
        events.event_type,
        events.status,
        members.participants,
        events.location,
        events.location_country,
        events.trigger,
        articles.title as article_title,
        events.event_id
    from events
    inner join articles
        on events.article_id = articles.article_id
    left join members
        on events.event_id = members.event_id
)

select * from final
order by
    event_date nulls last,
    event_id
