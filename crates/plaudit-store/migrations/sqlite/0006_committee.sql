-- no-transaction
-- The committee: each cycle pins the rubric version it decides by, deferred candidacies come
-- back in later review rounds with every round's reviews and decisions kept, reviewers may
-- recuse themselves, decisions reach candidates on announcement day, and renewal reminders go
-- out once each. The PostgreSQL migration of the same number is the source.

PRAGMA foreign_keys = OFF;

BEGIN IMMEDIATE;

-- The rubric version a cycle decides each category by. Publishing a new version never moves
-- a pin, so a decision keeps the rules it was made under.
CREATE TABLE cycle_rubric (
    cycle_id BIGINT NOT NULL REFERENCES cycle (id),
    category_id BIGINT NOT NULL REFERENCES category (id),
    rubric_version_id BIGINT NOT NULL REFERENCES rubric_version (id),
    PRIMARY KEY (cycle_id, category_id)
);
CREATE INDEX cycle_rubric_category ON cycle_rubric (category_id);
CREATE INDEX cycle_rubric_version ON cycle_rubric (rubric_version_id);

-- Earlier cycles decided by the version published when they were created (the first published
-- one, for a cycle older than every version).
INSERT INTO cycle_rubric (cycle_id, category_id, rubric_version_id)
SELECT c.id, rv.category_id, MAX(rv.id)
FROM cycle c JOIN rubric_version rv ON rv.published_at IS NOT NULL AND rv.published_at <= c.created_at
GROUP BY c.id, rv.category_id;
INSERT INTO cycle_rubric (cycle_id, category_id, rubric_version_id)
SELECT c.id, rv.category_id, MIN(rv.id)
FROM cycle c JOIN rubric_version rv ON rv.published_at IS NOT NULL
WHERE NOT EXISTS (
    SELECT 1 FROM cycle_rubric p WHERE p.cycle_id = c.id AND p.category_id = rv.category_id)
GROUP BY c.id, rv.category_id;

-- The day the announcement job gave the cycle's awards, sent its letters and ended the
-- deferrals no round took up.
ALTER TABLE cycle ADD COLUMN announced_at BIGINT;

-- Cycles decided on or after their announcement day before this release were announced then:
-- mark them, and their decisions told, so the announcement job does not announce them again.
UPDATE cycle SET announced_at = (
    SELECT MAX(d.decided_at) FROM decision d JOIN candidacy k ON k.id = d.candidacy_id
    WHERE k.cycle_id = cycle.id)
WHERE EXISTS (
    SELECT 1 FROM decision d JOIN candidacy k ON k.id = d.candidacy_id JOIN cycle y ON y.id = k.cycle_id
    WHERE k.cycle_id = cycle.id AND d.decided_at >= unixepoch(y.announcement_on) * 1000000);

-- A candidacy is reviewed in rounds: a deferral sends it to the next one. Its standing against
-- the cycle's pinned rubric is kept up to date with the candidate's contributions, for the
-- review queue's filters and the decision.
ALTER TABLE candidacy ADD COLUMN review_round BIGINT NOT NULL DEFAULT 1;
ALTER TABLE candidacy ADD COLUMN standing_total BIGINT;
ALTER TABLE candidacy ADD COLUMN standing_threshold BIGINT;

-- Every round keeps its own reviews and its own decision. SQLite cannot change a table's
-- unique keys in place, so review and decision are rebuilt as 0003 rebuilt its tables, with
-- foreign keys off (outside sqlx's transaction, see the first line) so dropping the old review
-- table does not cascade to its scores. New columns come last, where PostgreSQL's ALTER TABLE
-- puts them.
CREATE TABLE review_new (
    id INTEGER PRIMARY KEY,
    candidacy_id BIGINT NOT NULL REFERENCES candidacy (id),
    reviewer_account_id BIGINT NOT NULL REFERENCES account (id),
    vote TEXT,
    rationale TEXT NOT NULL DEFAULT '',
    submitted_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    round BIGINT NOT NULL DEFAULT 1,
    UNIQUE (candidacy_id, round, reviewer_account_id)
);
INSERT INTO review_new (id, candidacy_id, reviewer_account_id, vote, rationale, submitted_at,
    created_at, updated_at, round)
SELECT id, candidacy_id, reviewer_account_id, vote, rationale, submitted_at, created_at,
    updated_at, 1 FROM review;
DROP TABLE review;
ALTER TABLE review_new RENAME TO review;
CREATE INDEX review_reviewer ON review (reviewer_account_id);

CREATE TABLE decision_new (
    id INTEGER PRIMARY KEY,
    candidacy_id BIGINT NOT NULL REFERENCES candidacy (id),
    outcome TEXT NOT NULL,
    rationale TEXT NOT NULL,
    -- The rubric is advice: a decision that departs from it says so, and why, in the rationale.
    departs_from_rubric BOOLEAN NOT NULL DEFAULT FALSE,
    standing_total BIGINT NOT NULL,
    threshold BIGINT NOT NULL,
    aggregated_score DOUBLE PRECISION,
    votes_award BIGINT NOT NULL DEFAULT 0,
    votes_decline BIGINT NOT NULL DEFAULT 0,
    votes_defer BIGINT NOT NULL DEFAULT 0,
    finalized_by_account_id BIGINT REFERENCES account (id),
    decided_at BIGINT NOT NULL,
    round BIGINT NOT NULL DEFAULT 1,
    -- The rules the decision was made under, and whether it went against the reviewers' majority.
    rubric_version_id BIGINT REFERENCES rubric_version (id),
    departs_from_majority BOOLEAN NOT NULL DEFAULT FALSE,
    -- When the candidate was told (the letter went out); decisions are private until then.
    announced_at BIGINT,
    UNIQUE (candidacy_id, round)
);
INSERT INTO decision_new (id, candidacy_id, outcome, rationale, departs_from_rubric,
    standing_total, threshold, aggregated_score, votes_award, votes_decline, votes_defer,
    finalized_by_account_id, decided_at, round)
SELECT id, candidacy_id, outcome, rationale, departs_from_rubric, standing_total, threshold,
    aggregated_score, votes_award, votes_decline, votes_defer, finalized_by_account_id,
    decided_at, 1 FROM decision;
DROP TABLE decision;
ALTER TABLE decision_new RENAME TO decision;
CREATE INDEX decision_finalized_by ON decision (finalized_by_account_id)
    WHERE finalized_by_account_id IS NOT NULL;
CREATE INDEX decision_rubric_version ON decision (rubric_version_id)
    WHERE rubric_version_id IS NOT NULL;

UPDATE decision SET announced_at = decided_at
WHERE candidacy_id IN (SELECT k.id FROM candidacy k JOIN cycle y ON y.id = k.cycle_id
                       WHERE y.announced_at IS NOT NULL);

-- A conflict a reviewer declared: they never see the candidacy again.
CREATE TABLE review_recusal (
    id INTEGER PRIMARY KEY,
    candidacy_id BIGINT NOT NULL REFERENCES candidacy (id),
    reviewer_account_id BIGINT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    reason TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    UNIQUE (reviewer_account_id, candidacy_id)
);
CREATE INDEX review_recusal_candidacy ON review_recusal (candidacy_id);

-- One row per reminder sent: the key makes each reminder go out once, however many servers run.
CREATE TABLE renewal_reminder (
    award_id BIGINT NOT NULL REFERENCES award (id),
    days_before BIGINT NOT NULL,
    sent_at BIGINT NOT NULL,
    PRIMARY KEY (award_id, days_before)
);

-- Whether letters quote the committee's rationale; how many days before the renewal date
-- awardees are reminded (comma-separated); the language of mail to people who chose none.
ALTER TABLE program_settings ADD COLUMN share_rationale BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE program_settings ADD COLUMN renewal_reminder_days TEXT NOT NULL DEFAULT '60,30,7';
ALTER TABLE program_settings ADD COLUMN default_language TEXT;

-- Admins browse the audit log by action, newest first.
CREATE INDEX audit_log_action ON audit_log (action, at);

-- The rebuilt tables and every table pointing at them must hold no dangling reference: the
-- CHECK turns a violation into an error, which leaves the transaction uncommitted.
CREATE TEMP TABLE foreign_key_violations (found BIGINT NOT NULL CHECK (found = 0));
INSERT INTO foreign_key_violations SELECT COUNT(*) FROM pragma_foreign_key_check;
DROP TABLE foreign_key_violations;

COMMIT;

PRAGMA foreign_keys = ON;
