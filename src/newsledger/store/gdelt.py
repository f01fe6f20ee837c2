"""The events table as a GDELT 2.0-style tab-separated table, for tools that read GDELT.

Columns keep GDELT's names and order for what we have, then add ours (PLOVER type and mode,
modality, the rule and the evidence sentence) so each row still explains itself. Where our
data differs from GDELT's, the column says what it holds rather than pretending:

- SQLDATE is the event's own date when the text gives its day, else the publication date
  (GDELT's is the publication date); ``DatePrecision`` and ``DateText`` say which.
- Actor codes are ISO 3166 alpha-3 plus the PLOVER sector ("AZEGOV", "ARMMIL") or the IGO
  ("NATO"); country codes are ISO alpha-3 (GDELT's geography uses FIPS).
- GoldsteinScale holds the PLOVER score of the type and mode (same -10..+10 range).
- NumMentions, NumSources and NumArticles are per mention here (1); merged events across
  articles carry the real counts.
- IsRootEvent is 1 for events in the first three sentences (title and lead), GDELT's notion
  of an event in the lead paragraph.
- Negated events ("did not agree") are left out: they did not happen.
"""

from __future__ import annotations


def _actor(n: int) -> str:
    a = f"a{n}"
    return (f"coalesce({a}.igo, {a}.country || coalesce({a}.sector, ''), '') AS Actor{n}Code, "
            f"coalesce(upper({a}.name), '') AS Actor{n}Name, coalesce({a}.country, '') AS Actor{n}CountryCode, "
            f"coalesce({a}.sector, '') AS Actor{n}Type1Code")


def _flat(expr: str) -> str:
    """One line, no tabs: GDELT files are not quoted."""
    return f"regexp_replace(coalesce({expr}, ''), '[\\t\\r\\n]+', ' ', 'g')"


_DAY = ("replace(CASE WHEN e.date_precision = 'day' THEN e.date "
        "WHEN length(d.published) >= 10 THEN substr(d.published, 1, 10) END, '-', '')")

GDELT_SQL = f"""
SELECT e.event_id AS GLOBALEVENTID,
       coalesce({_DAY}, '') AS SQLDATE,
       coalesce(substr({_DAY}, 1, 6), '') AS MonthYear,
       coalesce(substr({_DAY}, 1, 4), '') AS Year,
       {_actor(1)},
       {_actor(2)},
       CASE WHEN e.sentence_idx < 3 THEN 1 ELSE 0 END AS IsRootEvent,
       e.cameo AS EventCode, e.cameo AS EventBaseCode, e.cameo AS EventRootCode,
       e.quad AS QuadClass, e.intensity AS GoldsteinScale,
       1 AS NumMentions, 1 AS NumSources, 1 AS NumArticles,
       CASE WHEN e.latitude IS NOT NULL THEN 4 WHEN e.location_country IS NOT NULL THEN 1 ELSE 0 END
           AS ActionGeo_Type,
       {_flat("e.location")} AS ActionGeo_FullName,
       coalesce(e.location_country, '') AS ActionGeo_CountryCode,
       e.latitude AS ActionGeo_Lat, e.longitude AS ActionGeo_Long,
       strftime(d.ingested_at, '%Y%m%d%H%M%S') AS DATEADDED,
       coalesce(d.url, d.source) AS SOURCEURL,
       e.event_type AS PloverType, coalesce(e.mode, '') AS PloverMode, e.modality AS Modality,
       e.date_precision AS DatePrecision, {_flat("e.date_text")} AS DateText,
       coalesce(d.outlet, '') AS Outlet, e.confidence AS Confidence, e.rule AS Rule,
       {_flat("e.trigger")} AS Trigger,
       {_flat("substr(d.text, e.start_char + 1, e.end_char - e.start_char)")} AS Evidence
FROM events e
JOIN documents d USING (doc_id)
LEFT JOIN actors a1 ON a1.actor_id = e.source_ids[1]
LEFT JOIN actors a2 ON a2.actor_id = e.target_ids[1]
WHERE NOT e.negated
ORDER BY SQLDATE, GLOBALEVENTID
"""
