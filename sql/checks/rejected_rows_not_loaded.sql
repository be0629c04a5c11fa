-- Rows that the rejects table says were rejected but that are loaded all the same (must be none).
with

rejects as (
    select * from rejects
),

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

loaded as (
    select 'articles' as table_name, article_id as id from articles
    union all
    select 'participants', participant_id from participants
    union all
    select 'events', event_id from events
    union all
    select 'quotes', quote_id from quotes
),

final as (
    select
        rejects."table",
        rejects.row_id,
        rejects.rule
    from rejects
    inner join loaded
        on rejects."table" = loaded.table_name
        and rejects.row_id = loaded.id
)

select * from final
