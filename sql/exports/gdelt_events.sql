-- events as gdelt 2.0 event records: one row per event, the 61 columns of the gdelt event codebook in order
-- (reads the helper views gdelt_goldstein(cameo_code, goldstein) and gdelt_country_names(code, name)
-- that etl.export registers; geo country codes are iso 3166-1 alpha-3, not gdelt's fips 10-4)
with events_in as (
    select
        event_id,
        article_id,
        cameo_code,
        location,
        location_country,
        event_date,
        start
    from events
),

articles_in as (
    select
        article_id,
        source,
        published_at,
        body_start,
        -- end of the lead paragraph: gdelt's IsRootEvent marks events of the lead
        body_start + coalesce(nullif(strpos(substr(text, body_start + 1), chr(10)), 0), length(text)) as lead_end
    from articles
),

ranked_actors as (
    select
        ep.event_id,
        -- gdelt's Actor1 acts: the visitor of a visit, the host of a hosted visit, else the first mentioned
        row_number() over (
            partition by ep.event_id
            order by
                case
                    when e.cameo_code = '043' and ep.role = 'host' then 0
                    when e.cameo_code <> '043' and ep.role = 'visitor' then 0
                    when ep.role = 'participant' then 1
                    else 2
                end,
                p.first_start,
                p.participant_id
        ) as actor_rank,
        regexp_replace(upper(p.name), '[\t\r\n]+', ' ', 'g') as actor_name,
        p.country as actor_country
    from event_participants as ep
    inner join events_in as e
        on e.event_id = ep.event_id
    inner join participants as p
        on p.participant_id = ep.participant_id
),

actor1 as (
    select * from ranked_actors where actor_rank = 1
),

actor2 as (
    select * from ranked_actors where actor_rank = 2
),

dated as (
    select
        e.*,
        a.source,
        a.published_at,
        a.lead_end,
        coalesce(e.event_date, cast(a.published_at as date)) as sql_date
    from events_in as e
    inner join articles_in as a
        on a.article_id = e.article_id
),

final as (
    select
        ('0x' || substr(sha256(d.event_id), 1, 15))::bigint as GLOBALEVENTID,
        strftime(d.sql_date, '%Y%m%d') as SQLDATE,
        strftime(d.sql_date, '%Y%m') as MonthYear,
        strftime(d.sql_date, '%Y') as "Year",
        round(year(d.sql_date) + (month(d.sql_date) * 30 + day(d.sql_date)) / 365.0, 4) as FractionDate,
        a1.actor_country as Actor1Code,
        a1.actor_name as Actor1Name,
        a1.actor_country as Actor1CountryCode,
        null as Actor1KnownGroupCode,
        null as Actor1EthnicCode,
        null as Actor1Religion1Code,
        null as Actor1Religion2Code,
        null as Actor1Type1Code,
        null as Actor1Type2Code,
        null as Actor1Type3Code,
        a2.actor_country as Actor2Code,
        a2.actor_name as Actor2Name,
        a2.actor_country as Actor2CountryCode,
        null as Actor2KnownGroupCode,
        null as Actor2EthnicCode,
        null as Actor2Religion1Code,
        null as Actor2Religion2Code,
        null as Actor2Type1Code,
        null as Actor2Type2Code,
        null as Actor2Type3Code,
        case when d.start < d.lead_end then 1 else 0 end as IsRootEvent,
        d.cameo_code as EventCode,
        substr(d.cameo_code, 1, 3) as EventBaseCode,
        substr(d.cameo_code, 1, 2) as EventRootCode,
        case
            when cast(substr(d.cameo_code, 1, 2) as integer) <= 5 then 1
            when cast(substr(d.cameo_code, 1, 2) as integer) <= 9 then 2
            when cast(substr(d.cameo_code, 1, 2) as integer) <= 14 then 3
            else 4
        end as QuadClass,
        g.goldstein as GoldsteinScale,
        1 as NumMentions,
        1 as NumSources,
        1 as NumArticles,
        null as AvgTone,
        null as Actor1Geo_Type,
        null as Actor1Geo_FullName,
        null as Actor1Geo_CountryCode,
        null as Actor1Geo_ADM1Code,
        null as Actor1Geo_ADM2Code,
        null as Actor1Geo_Lat,
        null as Actor1Geo_Long,
        null as Actor1Geo_FeatureID,
        null as Actor2Geo_Type,
        null as Actor2Geo_FullName,
        null as Actor2Geo_CountryCode,
        null as Actor2Geo_ADM1Code,
        null as Actor2Geo_ADM2Code,
        null as Actor2Geo_Lat,
        null as Actor2Geo_Long,
        null as Actor2Geo_FeatureID,
        -- gdelt geo types: 1 country, 4 world city; a place we name but cannot classify counts as a city
        case
            when d.location is not null then 4
            when d.location_country is not null then 1
        end as ActionGeo_Type,
        regexp_replace(concat_ws(', ', d.location, c.name), '[\t\r\n]+', ' ', 'g') as ActionGeo_FullName,
        d.location_country as ActionGeo_CountryCode,
        d.location_country as ActionGeo_ADM1Code,
        null as ActionGeo_ADM2Code,
        null as ActionGeo_Lat,
        null as ActionGeo_Long,
        null as ActionGeo_FeatureID,
        strftime(d.published_at, '%Y%m%d%H%M%S') as DATEADDED,
        regexp_replace(d.source, '[\t\r\n]+', ' ', 'g') as SOURCEURL
    from dated as d
    left join actor1 as a1
        on a1.event_id = d.event_id
    left join actor2 as a2
        on a2.event_id = d.event_id
    left join gdelt_goldstein as g
        on g.cameo_code = d.cameo_code
    left join gdelt_country_names as c
        on c.code = d.location_country
)

select * from final
order by SQLDATE nulls last, GLOBALEVENTID
