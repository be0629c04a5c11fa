-- who said what: every quote with its speaker, offsets and its article's text, in reading order
with quotes_in as (
    select
        quote_id,
        article_id,
        start,
        "end",
        kind,
        speaker,
        speaker_participant_id,
        speaker_start,
        speaker_end,
        cue,
        cue_start,
        cue_end
    from quotes
),

final as (
    select
        q.quote_id,
        q.article_id,
        q.start,
        q."end",
        q.kind,
        q.speaker,
        q.speaker_start,
        q.speaker_end,
        q.cue,
        q.cue_start,
        q.cue_end,
        p.country as speaker_country,
        a.title as article_title,
        a.published_at,
        a.text as article_text
    from quotes_in as q
    inner join articles as a
        on a.article_id = q.article_id
    left join participants as p
        on p.participant_id = q.speaker_participant_id
)

select * from final
order by published_at nulls last, article_id, start, quote_id
limit ?
