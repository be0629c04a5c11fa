-- Quotes whose speaker_participant_id points at no participant of the same article (must be none).
with

quotes as (
    select * from quotes
),

participants as (
    select * from participants
),

final as (
    select
        quotes.quote_id,
        quotes.speaker_participant_id
    from quotes
    left join participants
        on quotes.speaker_participant_id = participants.participant_id
        and quotes.article_id = participants.article_id
    where quotes.speaker_participant_id is not null
        and participants.participant_id is null
)

select * from final
