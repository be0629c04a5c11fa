-- who is quoted most, for which country, with how many direct quotes and in how many articles
with quoted as (
    select
        q.quote_id,
        q.kind,
        p.entity_key,
        p.name,
        p.title,
        p.country,
        p.article_id
    from quotes as q
    inner join participants as p
        on p.participant_id = q.speaker_participant_id
),

final as (
    select
        entity_key,
        arg_max(name, length(name)) as name,
        mode(title) as title,
        mode(country) as country,
        count(*) as quotes,
        count(*) filter (where kind = 'direct') as direct,
        count(distinct article_id) as articles
    from quoted
    group by entity_key
)

select * from final
order by quotes desc, name
limit ?
