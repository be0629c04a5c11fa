-- which rules rejected rows, in which table, and how many rows each
with rejects_in as (
    select
        "table" as table_name,
        rule
    from rejects
),

final as (
    select
        table_name,
        rule,
        count(*) as rows
    from rejects_in
    group by table_name, rule
)

select * from final
order by rows desc, table_name, rule
