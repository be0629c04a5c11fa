-- Events whose article is not in the database (must be none).
with

events as (
    select * from events
),

articles as (
    select * from articles
),

final as (
    select
        events.event_id,
        events.article_id
    from events
    anti join articles
        on events.article_id = articles.article_id
)

select * from final
