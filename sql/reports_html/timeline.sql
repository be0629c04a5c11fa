-- what happened when: every event with its date, type, status, place, actors and article
with events_in as (
    select
        event_id,
        article_id,
        event_type,
        cameo_code,
        status,
        trigger,
        location,
        location_country,
        event_date,
        date_text,
        date_precision
    from events
),

actors as (
    select
        ep.event_id,
        string_agg(p.name, ', ' order by p.first_start, p.participant_id) as actors
    from event_participants as ep
    inner join participants as p
        on p.participant_id = ep.participant_id
    group by ep.event_id
),

final as (
    select
        e.event_id,
        e.event_type,
        e.cameo_code,
        e.status,
        e.trigger,
        e.location,
        e.location_country,
        e.event_date,
        e.date_text,
        e.date_precision,
        coalesce(a.actors, '') as actors,
        ar.title as article_title,
        ar.published_at
    from events_in as e
    left join actors as a
        on a.event_id = e.event_id
    left join articles as ar
        on ar.article_id = e.article_id
)

select * from final
order by event_date nulls last, published_at nulls last, event_id
limit ?
