-- newsledger store. Every row traces back to a document and a character span in its
-- cleaned text. Ids are content hashes, so re-ingesting the same input adds nothing.

CREATE TABLE IF NOT EXISTS runs (
    run_id      VARCHAR PRIMARY KEY,
    started     TIMESTAMP NOT NULL,
    finished    TIMESTAMP,
    status      VARCHAR NOT NULL,          -- running | done | interrupted | failed
    stage       VARCHAR,                    -- the stage reached: ingest | load, then resolve
    process     VARCHAR,                    -- host:pid:token of the process running it
    version     VARCHAR NOT NULL,
    model       VARCHAR,
    workers     INTEGER,
    inputs      VARCHAR,                    -- JSON list of the paths given
    config      VARCHAR,                    -- JSON: the resolved configuration
    counts      VARCHAR                     -- JSON: inputs per status
);
-- Stores written before runs recorded their stage and process.
ALTER TABLE runs ADD COLUMN IF NOT EXISTS stage VARCHAR;
ALTER TABLE runs ADD COLUMN IF NOT EXISTS process VARCHAR;

-- What the cross-article tables were last computed from, written in the same transaction as
-- them: when it differs from the store's documents, that stage is pending (store/runs.py).
CREATE TABLE IF NOT EXISTS resolve_state (
    fingerprint VARCHAR NOT NULL,
    n_documents BIGINT NOT NULL,
    run_id      VARCHAR,                    -- NULL when `newsledger resolve` ran it
    resolved_at TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS documents (
    doc_id              VARCHAR PRIMARY KEY,   -- sha256 of the cleaned text
    source              VARCHAR NOT NULL,      -- path, path:line, path#n or path::URL
    fmt                 VARCHAR NOT NULL,
    url                 VARCHAR,
    outlet              VARCHAR,
    outlet_source       VARCHAR NOT NULL,
    title               VARCHAR,
    text                VARCHAR NOT NULL,
    sections            VARCHAR NOT NULL,      -- JSON [{kind, start, end}]
    published           VARCHAR,               -- ISO date as precise as the evidence
    published_precision VARCHAR NOT NULL,
    published_source    VARCHAR NOT NULL,
    published_text      VARCHAR,
    dateline            VARCHAR,
    language            VARCHAR NOT NULL,
    language_score      DOUBLE,
    analysed            BOOLEAN NOT NULL,      -- false for non-English documents
    n_chars             INTEGER NOT NULL,
    n_words             INTEGER NOT NULL,
    n_bytes             BIGINT,
    input_id            VARCHAR,
    run_id              VARCHAR,
    ingested_at         TIMESTAMP NOT NULL,
    schema_version      INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS ingest_log (
    input_id    VARCHAR PRIMARY KEY,           -- sha256 of source + raw content
    source      VARCHAR NOT NULL,
    fmt         VARCHAR NOT NULL,
    status      VARCHAR NOT NULL,              -- stored | duplicate | skipped | failed
    reason      VARCHAR NOT NULL,
    doc_id      VARCHAR,
    n_bytes     BIGINT,
    run_id      VARCHAR,
    logged_at   TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS sentences (
    doc_id      VARCHAR NOT NULL,
    idx         INTEGER NOT NULL,
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    section     VARCHAR NOT NULL,              -- title | subtitle | body | caption
    text        VARCHAR NOT NULL,
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE IF NOT EXISTS mentions (
    doc_id       VARCHAR NOT NULL,
    idx          INTEGER NOT NULL,
    start_char   INTEGER NOT NULL,
    end_char     INTEGER NOT NULL,
    text         VARCHAR NOT NULL,
    label        VARCHAR NOT NULL,             -- spaCy entity label
    sentence_idx INTEGER NOT NULL,
    actor_id     VARCHAR,                      -- the actor across documents (resolve/actors.py)
    local_actor_id VARCHAR,                    -- the actor as resolved within the document
    role         VARCHAR,                      -- title phrase, e.g. "Azerbaijani President"
    actor_name   VARCHAR,
    kind         VARCHAR,                      -- person | state | organisation | group
    country      VARCHAR,                      -- ISO 3166-1 alpha-3
    igo          VARCHAR,                      -- NATO, UN, UNSC, OSCE, EU ...
    sector       VARCHAR,                      -- PLOVER sector: GOV, MIL, REB, IGO ...
    rule         VARCHAR,                      -- the actor rule that fired
    PRIMARY KEY (doc_id, idx)
);

-- Actors across documents, rebuilt from mentions by `resolve/actors.py` after each ingest.
CREATE TABLE IF NOT EXISTS actors (
    actor_id     VARCHAR PRIMARY KEY,          -- person:<name> | state:ISO3 | gov:ISO3 | mil:ISO3 | igo:CODE | group:<name> | org:<name>
    name         VARCHAR NOT NULL,
    kind         VARCHAR,
    country      VARCHAR,
    igo          VARCHAR,
    sector       VARCHAR,
    roles        VARCHAR,                      -- JSON [{role, country, igo, sector, date, doc_id}] by date
    aliases      VARCHAR,                      -- JSON [{text, count}] by count
    n_mentions   INTEGER NOT NULL,
    n_documents  INTEGER NOT NULL,
    first_seen   VARCHAR,
    last_seen    VARCHAR
);

-- Why one document-level actor was merged into another (spelling variants).
CREATE TABLE IF NOT EXISTS actor_merges (
    local_actor_id VARCHAR PRIMARY KEY,
    actor_id     VARCHAR NOT NULL,
    score        DOUBLE,
    reason       VARCHAR
);

-- Who said what: direct, partial and indirect (reported) quotes with speaker and cue.
CREATE TABLE IF NOT EXISTS quotes (
    doc_id        VARCHAR NOT NULL,
    idx           INTEGER NOT NULL,
    start_char    INTEGER NOT NULL,            -- content span in the cleaned text
    end_char      INTEGER NOT NULL,
    text          VARCHAR NOT NULL,
    kind          VARCHAR NOT NULL,            -- direct | partial | indirect
    speaker       VARCHAR,                     -- the speaker as the text names them ("he", "Aliyev")
    speaker_start INTEGER,
    speaker_end   INTEGER,
    actor_id      VARCHAR,                     -- the speaker resolved to an actor
    actor_name    VARCHAR,
    cue           VARCHAR,                     -- the reporting verb ("said", "urged")
    cue_start     INTEGER,
    addressee     VARCHAR,                     -- "a news conference", "reporters", "Aliyev"
    sentence_idx  INTEGER NOT NULL,
    content_key   VARCHAR NOT NULL,            -- same words elsewhere (another outlet) share it
    rule          VARCHAR NOT NULL,
    PRIMARY KEY (doc_id, idx)
);

-- Numeric claims: how many of what, according to whom (a quoted speaker, else the outlet).
CREATE TABLE IF NOT EXISTS claims (
    doc_id            VARCHAR NOT NULL,
    idx               INTEGER NOT NULL,
    start_char        INTEGER NOT NULL,        -- the number's span in the cleaned text
    end_char          INTEGER NOT NULL,
    text              VARCHAR NOT NULL,
    value             DOUBLE NOT NULL,
    qualifier         VARCHAR,                 -- more than | some | at least ...
    unit              VARCHAR,                 -- percent, km, USD ... or the counted noun
    counted           VARCHAR,                 -- "Azerbaijani personnel"
    verb              VARCHAR,                 -- "kill", "serve"
    asserter          VARCHAR,
    asserter_actor_id VARCHAR,
    asserter_kind     VARCHAR NOT NULL,        -- speaker | outlet
    quote_idx         INTEGER,                 -- the quote it sits in
    sentence_idx      INTEGER NOT NULL,
    date_text         VARCHAR,                 -- a date phrase in the same sentence
    PRIMARY KEY (doc_id, idx)
);

-- Events: one row per event mention, coded to PLOVER, with the rule that produced it.
CREATE TABLE IF NOT EXISTS events (
    event_id      VARCHAR PRIMARY KEY,         -- <doc_id>:<idx>
    doc_id        VARCHAR NOT NULL,
    idx           INTEGER NOT NULL,
    sentence_idx  INTEGER NOT NULL,
    start_char    INTEGER NOT NULL,            -- evidence: the sentence
    end_char      INTEGER NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end   INTEGER NOT NULL,
    trigger       VARCHAR NOT NULL,
    event_type    VARCHAR NOT NULL,            -- PLOVER: AGREE ... ASSAULT
    mode          VARCHAR,
    quad          INTEGER NOT NULL,            -- 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    cameo         VARCHAR NOT NULL,            -- nearest CAMEO root code
    intensity     DOUBLE NOT NULL,             -- PLOVER score, -10..+10
    source_ids    VARCHAR[],
    source_names  VARCHAR[],
    target_ids    VARCHAR[],
    target_names  VARCHAR[],
    negated       BOOLEAN NOT NULL,
    modality      VARCHAR NOT NULL,            -- asserted | reported | future | hypothetical
    date          VARCHAR,
    date_precision VARCHAR NOT NULL,
    date_text     VARCHAR,
    location      VARCHAR,
    location_country VARCHAR,
    latitude      DOUBLE,
    longitude     DOUBLE,
    confidence    DOUBLE NOT NULL,
    rule          VARCHAR NOT NULL
);
-- Across documents (resolve/): kept up to date incrementally after each ingest.
CREATE TABLE IF NOT EXISTS doc_minhash (
    doc_id     VARCHAR PRIMARY KEY,
    signature  UBIGINT[] NOT NULL                -- MinHash of the body's word shingles
);
CREATE TABLE IF NOT EXISTS doc_bands (           -- LSH bands of the signatures: candidates by equi-join
    band       SMALLINT NOT NULL,
    h          BIGINT NOT NULL,
    doc_id     VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS duplicates (
    source       VARCHAR NOT NULL,               -- the duplicate input (path, path:line, URL ...)
    doc_id       VARCHAR,                        -- its document; NULL for exact copies, never stored twice
    duplicate_of VARCHAR NOT NULL,               -- the earlier document it repeats
    similarity   DOUBLE NOT NULL,                -- 1.0 exact; estimated Jaccard of body shingles if near
    kind         VARCHAR NOT NULL                -- exact | near
);
CREATE TABLE IF NOT EXISTS event_mentions (      -- which merged event each event mention belongs to
    event_id   VARCHAR PRIMARY KEY,
    merged_id  VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS merged_events (       -- one event reported by one or more articles
    merged_id     VARCHAR PRIMARY KEY,           -- m:<event_id of its first mention>
    merge_key     VARCHAR NOT NULL,              -- type|sorted participants
    event_type    VARCHAR NOT NULL,
    quad          INTEGER NOT NULL,
    participants  VARCHAR[] NOT NULL,
    participant_names VARCHAR[],
    source_ids    VARCHAR[],
    target_ids    VARCHAR[],
    date          VARCHAR,                       -- the most precise date most mentions give
    dates         VARCHAR[],                     -- every date given: disagreement stays visible
    locations     VARCHAR[],
    countries     VARCHAR[],
    n_mentions    INTEGER NOT NULL,
    n_articles    INTEGER NOT NULL,              -- like GDELT NumArticles (near-duplicates excluded)
    n_outlets     INTEGER NOT NULL,              -- like GDELT NumSources
    outlets       VARCHAR[],
    doc_ids       VARCHAR[],
    first_published VARCHAR,
    event_id      VARCHAR NOT NULL,              -- a representative mention
    sentence      VARCHAR
);
CREATE TABLE IF NOT EXISTS story_documents (
    doc_id     VARCHAR PRIMARY KEY,
    story_id   VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS stories (
    story_id     VARCHAR PRIMARY KEY,            -- s:<doc_id of its first document>
    title        VARCHAR NOT NULL,
    first_date   VARCHAR,
    last_date    VARCHAR,
    n_documents  INTEGER NOT NULL,
    n_outlets    INTEGER NOT NULL,
    top_actors   VARCHAR,                        -- JSON [{actor_id, name, documents}]
    top_events   VARCHAR                         -- JSON [{event_type, count}]
);
CREATE TABLE IF NOT EXISTS doc_actors (          -- each document's key actors, for grouping stories
    doc_id     VARCHAR NOT NULL,
    actor_id   VARCHAR NOT NULL,
    n          INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS doc_terms (           -- each distinct word of a document's title and text (store/search.py)
    term       VARCHAR NOT NULL,
    doc_id     VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS doc_dates (           -- the days each document names, and its own day (resolve/doc_dates.py)
    doc_id       VARCHAR NOT NULL,
    kind         VARCHAR NOT NULL,               -- published (one row per document, day NULL if not known to the day) | named
    day          VARCHAR,                        -- ISO day
    sentence_idx INTEGER,                        -- named: the sentence, its phrase's span in the cleaned text
    start_char   INTEGER,
    end_char     INTEGER,
    text         VARCHAR                         -- "on 11 June", "yesterday"
);
