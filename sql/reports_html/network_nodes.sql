-- who the actors of meetings and calls are: fullest name, kind, country, and how often they appear
with contacts as (
    select event_id
    from events
    where event_type in ('meeting', 'call')
        and status <> 'denied'
),

members as (
    select distinct p.entity_key
    from event_participants as ep
    inner join contacts as c
        on c.event_id = ep.event_id
    inner join participants as p
        on p.participant_id = ep.participant_id
),

actors as (
    select
        p.entity_key,
        p.name,
        p.kind,
        p.country,
        p.article_id,
        p.mentions
    from participants as p
    inner join members as m
        on m.entity_key = p.entity_key
),

final as (
    select
        entity_key,
        arg_max(name, length(name)) as name,
        mode(kind) as kind,
        mode(country) as country,
        count(distinct article_id) as articles,
        sum(mentions) as mentions
    from actors
    group by entity_key
)

select * from final
order by entity_key
