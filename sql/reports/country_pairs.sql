-- Which countries meet: pairs of countries whose participants took part in the same events.
with

event_pairs as (
    select * from event_pairs
),

country_links as (
    select
        least(country_a, country_b) as country_a,
        greatest(country_a, country_b) as country_b,
        event_id,
        article_id,
        event_type
    from event_pairs
    where country_a is not null
        and country_b is not null
        and country_a <> country_b
),

final as (
    select
        country_a,
        country_b,
        count(distinct event_id) as events,
        count(distinct article_id) as articles,
        string_agg(distinct event_type, ', ' order by event_type) as event_types
    from country_links
    group by
        country_a,
        country_b
)

select * from final
order by
    events desc,
    country_a,
    country_b
