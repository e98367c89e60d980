-- no-transaction
-- Every foreign key gets the delete rule it means and an index on its referencing column.
--
-- Delete rules (the rest were audited and stay as they are: rows that are part of their parent
-- cascade; references to people, awards, candidacies and accounts that acted keep NO ACTION,
-- because those are merged, revoked or disabled, never deleted, and history must not vanish):
--   import_suggestion.contribution_id  had no rule, so a contribution accepted from a suggestion
--                                      could never be deleted; now SET NULL: the suggestion
--                                      stays, so the importer does not offer it again.
--   candidacy.renewal_of_award_id      had no foreign key; now references award.
--   person_merge.merged_by_account_id  had no foreign key; now references account.
-- audit_log.actor_account_id stays without one on purpose: the log is append-only and must
-- outlive whatever it names. The PostgreSQL migration of the same number does the same.
--
-- SQLite cannot change a table's foreign keys in place: the three tables are rebuilt the way
-- https://www.sqlite.org/lang_altertable.html#otheralter describes. Foreign keys must be off
-- while they are, or dropping the old candidacy table would delete (ON DELETE CASCADE) or
-- refuse (NO ACTION) the rows of its children; and that pragma is ignored inside a
-- transaction, so this file runs without sqlx's and opens its own (the "-- no-transaction"
-- line above). Db::migrate runs SQLite migrations on a connection of their own, closed after,
-- so a failure half-way never hands a connection with foreign keys off to the application.
PRAGMA foreign_keys = OFF;

BEGIN IMMEDIATE;

-- A reference that already points at nothing carries no information; the new keys would
-- refuse it.
UPDATE candidacy SET renewal_of_award_id = NULL
WHERE renewal_of_award_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM award a WHERE a.id = candidacy.renewal_of_award_id);
UPDATE person_merge SET merged_by_account_id = NULL
WHERE merged_by_account_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM account a WHERE a.id = person_merge.merged_by_account_id);

CREATE TABLE person_merge_new (
    id INTEGER PRIMARY KEY,
    kept_person_id BIGINT NOT NULL REFERENCES person (id),
    merged_person_id BIGINT NOT NULL REFERENCES person (id),
    merged_by_account_id BIGINT REFERENCES account (id),
    merged_at BIGINT NOT NULL,
    undone_at BIGINT
);
INSERT INTO person_merge_new (id, kept_person_id, merged_person_id, merged_by_account_id, merged_at, undone_at)
    SELECT id, kept_person_id, merged_person_id, merged_by_account_id, merged_at, undone_at FROM person_merge;
DROP TABLE person_merge;
ALTER TABLE person_merge_new RENAME TO person_merge;
CREATE INDEX person_merge_kept ON person_merge (kept_person_id);
CREATE INDEX person_merge_merged ON person_merge (merged_person_id);

CREATE TABLE candidacy_new (
    id INTEGER PRIMARY KEY,
    cycle_id BIGINT NOT NULL REFERENCES cycle (id),
    category_id BIGINT NOT NULL REFERENCES category (id),
    person_id BIGINT NOT NULL REFERENCES person (id),
    state TEXT NOT NULL,
    -- A renewal candidacy reviews the year of an award that is about to end.
    renewal_of_award_id BIGINT REFERENCES award (id),
    invited_at BIGINT,
    responded_at BIGINT,
    submitted_at BIGINT,
    decided_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (person_id, category_id, cycle_id)
);
INSERT INTO candidacy_new (id, cycle_id, category_id, person_id, state, renewal_of_award_id, invited_at, responded_at, submitted_at, decided_at, created_at, updated_at)
    SELECT id, cycle_id, category_id, person_id, state, renewal_of_award_id, invited_at, responded_at, submitted_at, decided_at, created_at, updated_at FROM candidacy;
DROP TABLE candidacy;
ALTER TABLE candidacy_new RENAME TO candidacy;
CREATE INDEX candidacy_cycle_category_state ON candidacy (cycle_id, category_id, state);
CREATE INDEX candidacy_state ON candidacy (state);

CREATE TABLE import_suggestion_new (
    id INTEGER PRIMARY KEY,
    import_source_id BIGINT NOT NULL REFERENCES import_source (id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES person (id),
    external_id TEXT NOT NULL,
    canonical_url TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    contribution_type TEXT NOT NULL,
    occurred_on TEXT NOT NULL,
    reach_metric TEXT,
    reach_value BIGINT,
    status TEXT NOT NULL DEFAULT 'pending',
    contribution_id BIGINT REFERENCES contribution (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    decided_at BIGINT,
    UNIQUE (person_id, canonical_url)
);
INSERT INTO import_suggestion_new (id, import_source_id, person_id, external_id, canonical_url, title, summary, contribution_type, occurred_on, reach_metric, reach_value, status, contribution_id, created_at, decided_at)
    SELECT id, import_source_id, person_id, external_id, canonical_url, title, summary, contribution_type, occurred_on, reach_metric, reach_value, status, contribution_id, created_at, decided_at FROM import_suggestion;
DROP TABLE import_suggestion;
ALTER TABLE import_suggestion_new RENAME TO import_suggestion;
CREATE INDEX import_suggestion_person_status ON import_suggestion (person_id, status);

-- An index on each referencing column that had none, so that deleting (or checking) a parent
-- row looks its children up instead of scanning the child table. Columns that are mostly null
-- get a partial index: a foreign-key lookup (column = $1) can use it on both databases.
CREATE INDEX account_role_granted_by ON account_role (granted_by_account_id)
    WHERE granted_by_account_id IS NOT NULL;
CREATE INDEX ama_question_asker ON ama_question (asker_account_id)
    WHERE asker_account_id IS NOT NULL;
CREATE INDEX ama_question_duplicate_of ON ama_question (duplicate_of_id)
    WHERE duplicate_of_id IS NOT NULL;
CREATE INDEX ama_vote_account ON ama_vote (account_id);
CREATE INDEX announcement_author ON announcement (author_account_id)
    WHERE author_account_id IS NOT NULL;
CREATE INDEX award_candidacy ON award (candidacy_id) WHERE candidacy_id IS NOT NULL;
CREATE INDEX candidacy_category ON candidacy (category_id);
CREATE INDEX candidacy_renewal_of ON candidacy (renewal_of_award_id)
    WHERE renewal_of_award_id IS NOT NULL;
CREATE INDEX candidacy_event_actor ON candidacy_event (actor_account_id)
    WHERE actor_account_id IS NOT NULL;
CREATE INDEX community_post_author ON community_post (author_person_id);
CREATE INDEX contribution_draft_contribution ON contribution_draft (contribution_id)
    WHERE contribution_id IS NOT NULL;
CREATE INDEX decision_finalized_by ON decision (finalized_by_account_id)
    WHERE finalized_by_account_id IS NOT NULL;
CREATE INDEX feedback_message_author ON feedback_message (author_account_id);
CREATE INDEX feedback_thread_category ON feedback_thread (category_id)
    WHERE category_id IS NOT NULL;
CREATE INDEX import_suggestion_source ON import_suggestion (import_source_id);
CREATE INDEX import_suggestion_contribution ON import_suggestion (contribution_id)
    WHERE contribution_id IS NOT NULL;
CREATE INDEX nda_acceptance_version ON nda_acceptance (nda_version_id);
CREATE INDEX person_merge_merged_by ON person_merge (merged_by_account_id)
    WHERE merged_by_account_id IS NOT NULL;
CREATE INDEX person_merge_suggestion_person_b ON person_merge_suggestion (person_b_id);
CREATE INDEX review_score_criterion ON review_score (review_criterion_id);
CREATE INDEX speaking_request_organizer ON speaking_request (organizer_account_id)
    WHERE organizer_account_id IS NOT NULL;
CREATE INDEX standing_rubric_version ON standing (rubric_version_id);

-- The rebuilt tables and every table pointing at them must hold no dangling reference: the
-- CHECK turns a violation into an error, which leaves the transaction uncommitted.
CREATE TEMP TABLE foreign_key_violations (found BIGINT NOT NULL CHECK (found = 0));
INSERT INTO foreign_key_violations SELECT COUNT(*) FROM pragma_foreign_key_check;
DROP TABLE foreign_key_violations;

COMMIT;

PRAGMA foreign_keys = ON;
