-- Spans that do not lie inside their article's text, or do not start before they end (must be none).
with

articles as (
    select * from articles
),

participants as (
    select * from participants
),

events as (
    select * from events
),

quotes as (
    select * from quotes
),

spans as (
    select 'participants' as table_name, participant_id as id, article_id, first_start as span_start, first_end as span_end
    from participants
    union all
    select 'events', event_id, article_id, start, "end" from events
    union all
    select 'quotes', quote_id, article_id, start, "end" from quotes
    union all
    select 'quotes.speaker', quote_id, article_id, speaker_start, speaker_end from quotes
    where speaker_start is not null
    union all
    select 'quotes.cue', quote_id, article_id, cue_start, cue_end from quotes
    where cue_start is not null
),

final as (
    select
        spans.table_name,
        spans.id,
        spans.span_start,
        spans.span_end
    from spans
    inner join articles
        on spans.article_id = articles.article_id
    where spans.span_start < 0
        or spans.span_end is null
        or spans.span_start >= spans.span_end
        or spans.span_end > length(articles.text)
)

select * from final
