-- how many articles the corpus holds, over which publication dates, from how many publishers
with articles_in as (
    select
        article_id,
        publisher,
        published_at,
        n_words
    from articles
),

final as (
    select
        count(*) as articles,
        min(published_at) as first_published,
        max(published_at) as last_published,
        count(distinct publisher) as publishers,
        coalesce(sum(n_words), 0) as words
    from articles_in
)

select * from final
