-- Participants whose article is not in the database (must be none).
with

participants as (
    select * from participants
),

articles as (
    select * from articles
),

final as (
    select
        participants.participant_id,
        participants.article_id
    from participants
    anti join articles
        on participants.article_id = articles.article_id
)

select * from final
