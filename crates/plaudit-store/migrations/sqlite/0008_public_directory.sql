-- The public directory, kept apart from the tables it is read from: one row per person it
-- lists, with what a card shows, and one row per facet value a visitor narrows by. The
-- operations that change a listed person's profile or awards rewrite that person's rows in
-- the same transaction, and a daily job rebuilds it all (awards start and end with the date).
-- Every query a visitor causes is then a range scan of one of these indexes: a page is a seek
-- into (status, sort_key, person_id) by cursor, a filter a seek into the facet key.
CREATE TABLE directory_entry (
    person_id BIGINT PRIMARY KEY REFERENCES person (id),
    -- 'current' (holds an award today) or 'alumni'.
    status TEXT NOT NULL,
    -- The name folded to lower-case words, for the alphabetical order.
    sort_key TEXT NOT NULL,
    slug TEXT NOT NULL,
    display_name TEXT NOT NULL,
    headline TEXT NOT NULL,
    country TEXT,
    photo_version BIGINT,
    -- The ids of the categories shown on the card, comma-separated.
    category_ids TEXT NOT NULL,
    first_award_year BIGINT NOT NULL,
    award_count BIGINT NOT NULL
) WITHOUT ROWID;
CREATE INDEX directory_entry_order ON directory_entry (status, sort_key, person_id);

CREATE TABLE directory_facet (
    status TEXT NOT NULL,
    facet TEXT NOT NULL,
    value TEXT NOT NULL,
    person_id BIGINT NOT NULL REFERENCES person (id),
    PRIMARY KEY (status, facet, value, person_id)
) WITHOUT ROWID;
CREATE INDEX directory_facet_person ON directory_facet (person_id);

-- Full-text search over name, headline and bio; its rowid is the person's id. The text is
-- folded by Plaudit before it is written (as the search words are), so both databases match
-- "muller" to "Müller" alike.
CREATE VIRTUAL TABLE directory_search USING fts5 (name, headline, bio, tokenize = 'unicode61');

-- Bumped in the transaction of every change a public page shows, so each server's cache of
-- rendered public pages knows when its copies are stale; changed_at is their Last-Modified.
-- directory_day is the program day the directory's statuses were written for: the first
-- public page of a new day brings forward the people whose awards started or ended since.
CREATE TABLE public_version (
    id BIGINT PRIMARY KEY,
    version BIGINT NOT NULL,
    changed_at BIGINT NOT NULL,
    directory_day TEXT NOT NULL
);
INSERT INTO public_version (id, version, changed_at, directory_day) VALUES (1, 1, 0, '');
-- Whose award starts on a day, for the turn of the day.
CREATE INDEX award_starts ON award (starts_on);
-- The revoked awards, for the credentials' status list.
CREATE INDEX award_revoked ON award (id) WHERE revoked_at IS NOT NULL;
