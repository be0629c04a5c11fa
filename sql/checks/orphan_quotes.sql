-- Quotes whose article is not in the database (must be none).
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
        quotes.article_id
    from quotes
    anti join articles
        on quotes.article_id = articles.article_id
)

select * from final
