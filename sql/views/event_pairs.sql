-- Which two participants took part in the same event: one row per event and unordered pair.
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

members as (
    select
        event_participants.event_id,
        event_participants.role,
        participants.participant_id,
        participants.name,
        participants.entity_key,
        participants.kind,
        participants.country
    from event_participants
    inner join participants
        on event_participants.participant_id = participants.participant_id
),

final as (
    select
        events.event_id,
        events.article_id,
        events.event_type,
        events.status,
        events.event_date,
        events.location,
        events.location_country,
        a.participant_id as participant_a_id,
        a.name as participant_a,
        a.entity_key as entity_key_a,
        a.country as country_a,
        a.role as role_a,
        b.participant_id as participant_b_id,
        b.name as participant_b,
        b.entity_key as entity_key_b,
        b.country as country_b,
        b.role as role_b
    from events
    inner join members as a
        on events.event_id = a.event_id
    inner join members as b
        on events.event_id = b.event_id
        and a.entity_key < b.entity_key
)

select * from final
