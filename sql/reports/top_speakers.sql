-- Who is quoted most: speakers by number of quotes, with the country they speak for.
with

quote_speakers as (
    select * from quote_speakers
),

attributed as (
    select
        coalesce(speaker_key, lower(speaker)) as speaker_key,
        speaker,
        speaker_country,
        speaker_title,
        kind,
        quote_id,
        article_id
    from quote_speakers
    where speaker is not null
),

final as (
    select
        min(speaker) as speaker,
        min(speaker_title) as title,
        min(speaker_country) as country,
        count(*) as quotes,
        count(*) filter (where kind = 'direct') as direct_quotes,
        count(*) filter (where kind <> 'direct') as reported_quotes,
        count(distinct article_id) as articles
    from attributed
    group by speaker_key
)

select * from final
order by
    quotes desc,
    speaker
