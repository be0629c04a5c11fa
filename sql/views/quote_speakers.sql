-- Who said what: every quote with its article and, when resolved, its speaker participant.
with

quotes as (
    select * from quotes
),

participants as (
    select * from participants
),

articles as (
    select * from articles
),

final as (
    select
        quotes.quote_id,
        quotes.article_id,
        articles.title as article_title,
        articles.published_at,
        quotes.kind,
        quotes.text,
        quotes.cue,
        coalesce(participants.name, quotes.speaker) as speaker,
        participants.participant_id as speaker_participant_id,
        participants.entity_key as speaker_key,
        participants.title as speaker_title,
        participants.country as speaker_country,
        quotes.start,
        quotes."end"
    from quotes
    inner join articles
        on quotes.article_id = articles.article_id
    left join participants
        on quotes.speaker_participant_id = participants.participant_id
)

select * from final
