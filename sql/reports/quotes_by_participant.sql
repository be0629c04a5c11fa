-- What did a participant say: every quote of the speaker whose name, key or alias matches $participant.
with

quote_speakers as (
    select * from quote_speakers
),

participants as (
    select * from participants
),

matching as (
    select participant_id
    from participants
    where entity_key = lower(trim($participant))
        or name ilike '%' || trim($participant) || '%'
        or list_contains(aliases, trim($participant))
),

final as (
    select
        quote_speakers.speaker,
        quote_speakers.kind,
        quote_speakers.text,
        quote_speakers.cue,
        quote_speakers.article_title,
        quote_speakers.published_at,
        quote_speakers.quote_id
    from quote_speakers
    where quote_speakers.speaker_participant_id in (select participant_id from matching)
)

select * from final
order by
    published_at,
    quote_id
