-- Ids that occur more than once in their table (must be none).
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

event_participants as (
    select * from event_participants
),

quotes as (
    select * from quotes
),

ids as (
    select 'articles' as table_name, article_id as id from articles
    union all
    select 'participants', participant_id from participants
    union all
    select 'events', event_id from events
    union all
    select 'event_participants', event_id || '|' || participant_id from event_participants
    union all
    select 'quotes', quote_id from quotes
),

final as (
    select
        table_name,
        id,
        count(*) as copies
    from ids
    group by
        table_name,
        id
    having count(*) > 1
)

select * from final
