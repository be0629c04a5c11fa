-- which pairs of actors met or spoke by phone, and how often (denied events left out; actors joined across articles by entity_key)
with contacts as (
    select
        event_id,
        event_type
    from events
    where event_type in ('meeting', 'call')
        and status <> 'denied'
),

members as (
    select distinct
        ep.event_id,
        p.entity_key
    from event_participants as ep
    inner join participants as p
        on p.participant_id = ep.participant_id
),

pairs as (
    select
        c.event_id,
        c.event_type,
        a.entity_key as source,
        b.entity_key as target
    from contacts as c
    inner join members as a
        on a.event_id = c.event_id
    inner join members as b
        on b.event_id = c.event_id
        and a.entity_key < b.entity_key
),

final as (
    select
        source,
        target,
        count(distinct event_id) as weight,
        count(distinct event_id) filter (where event_type = 'meeting') as meetings,
        count(distinct event_id) filter (where event_type = 'call') as calls
    from pairs
    group by source, target
)

select * from final
order by weight desc, source, target
limit ?
