-- which publishers the articles come from, and how many articles each (unknown publisher as null)
with articles_in as (
    select
        article_id,
        publisher
    from articles
),

final as (
    select
        publisher,
        count(*) as articles
    from articles_in
    group by publisher
)

select * from final
order by articles desc, publisher nulls last
