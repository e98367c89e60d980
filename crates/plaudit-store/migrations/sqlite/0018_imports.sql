-- Contributions that record themselves: import sources read on a schedule or on demand into a
-- suggestions inbox (import_source and import_suggestion exist since the first release).

-- A Q&A answer's reception (Stack Exchange's score) is a reach figure of its own.
ALTER TABLE contribution ADD COLUMN score BIGINT;

-- Where the entries were last read from when that differs from what the person typed (the
-- feed a blog's home page names). The last failure's stable kind (import-failure-… in the
-- catalogues; last_error keeps the English detail for logs) and how many reads in a row
-- failed, which sets the backoff. The last read that worked, and what it brought: new
-- suggestions, entries read, entries that could not be read. requested_at is an "import now"
-- not yet started; running_since is a read in progress (a lease: a killed server's read is
-- taken over once it is an hour old). A removed source keeps its row, so what the person
-- dismissed from it stays dismissed should they add it again.
ALTER TABLE import_source ADD COLUMN resolved_locator TEXT;
ALTER TABLE import_source ADD COLUMN failure_kind TEXT;
ALTER TABLE import_source ADD COLUMN failure_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE import_source ADD COLUMN last_success_at BIGINT;
ALTER TABLE import_source ADD COLUMN last_added BIGINT NOT NULL DEFAULT 0;
ALTER TABLE import_source ADD COLUMN last_read BIGINT NOT NULL DEFAULT 0;
ALTER TABLE import_source ADD COLUMN last_problems BIGINT NOT NULL DEFAULT 0;
ALTER TABLE import_source ADD COLUMN requested_at BIGINT;
ALTER TABLE import_source ADD COLUMN running_since BIGINT;
ALTER TABLE import_source ADD COLUMN removed_at BIGINT;
CREATE INDEX import_source_person ON import_source (person_id, id);

-- The entries the last read could not read, each with why, shown to the person.
CREATE TABLE import_problem (
    id INTEGER PRIMARY KEY,
    import_source_id BIGINT NOT NULL REFERENCES import_source (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    entry_ref TEXT,
    reason TEXT NOT NULL,
    seen_at BIGINT NOT NULL
);
CREATE INDEX import_problem_source ON import_problem (import_source_id, position);

-- The inbox reads a person's pending suggestions newest first, a page at a time.
CREATE INDEX import_suggestion_inbox
    ON import_suggestion (person_id, status, occurred_on, id);

-- Source kinds whose suggestions become contributions without asking (a program setting).
CREATE TABLE import_trusted_kind (
    kind TEXT PRIMARY KEY
);
