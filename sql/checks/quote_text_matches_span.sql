-- Quotes whose text is not exactly articles.text[start:end] (must be none).
with

quotes as (
    select * from quotes
),

articles as (
    select * from articles
),

final as (
    select
        quotes.quote_id,
        quotes.start,
        quotes."end"
    from quotes
    inner join articles
        on quotes.article_id = articles.article_id
    where quotes.text <> substring(articles.text, quotes.start + 1, quotes."end" - quotes.start)
)

select * from final
