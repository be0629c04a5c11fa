-- Who met whom: pairs of participants who met, visited or called each other, how often and when.
with

event_pairs as (
    select * from event_pairs
),

contacts as (
    select * from event_pairs
    where event_type in ('meeting', 'visit', 'call')
        and status = 'occurred'
),

final as (
    select
        min(participant_a) as participant_a,
        min(participant_b) as participant_b,
        min(country_a) as country_a,
        min(country_b) as country_b,
        count(distinct event_id) as events,
        count(distinct article_id) as articles,
        string_agg(distinct event_type, ', ' order by event_type) as event_types,
        min(event_date) as first_date,
        max(event_date) as last_date
    from contacts
    group by
        entity_key_a,
        entity_key_b
)

select * from final
order by
    events desc,
    participant_a,
    participant_b
