-- Ask me anything, as hosts run it. An AMA is open (takes questions), paused or closed; it has
-- topics, may take questions from people who are not signed in (held for the host's approval),
-- and may be the program's own, hosted by an admin. An awardee hosts one AMA at a time: one
-- they closed stays as an archive, and they may open another.
ALTER TABLE ama ADD COLUMN status TEXT NOT NULL DEFAULT 'open';
UPDATE ama SET status = 'paused' WHERE NOT accepting_questions;
-- status replaces accepting_questions, which Plaudit keeps in step (status = 'open') for
-- readers of the first release's columns.
ALTER TABLE ama ADD COLUMN topics TEXT NOT NULL DEFAULT '';
ALTER TABLE ama ADD COLUMN anonymous_questions BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE ama ADD COLUMN program_wide BOOLEAN NOT NULL DEFAULT FALSE;
-- The host's time zone (an IANA name), which exported posts are dated in; empty: the program's.
ALTER TABLE ama ADD COLUMN time_zone TEXT NOT NULL DEFAULT '';
DROP INDEX ama_host;
-- Of the AMAs an earlier release let one host open, the newest stays theirs; the others close.
UPDATE ama SET status = 'closed' WHERE id < (SELECT MAX(a2.id) FROM ama a2
    WHERE a2.host_person_id = ama.host_person_id);
CREATE UNIQUE INDEX ama_one_per_host ON ama (host_person_id)
    WHERE NOT program_wide AND status <> 'closed';
CREATE INDEX ama_host ON ama (host_person_id, id);

-- A question's views are counted, never who viewed; answer_updated_at is when its answer last
-- changed (the feed's `updated`); contribution_id is the host's "AMA answers" contribution it
-- became when answered.
ALTER TABLE ama_question ADD COLUMN view_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE ama_question ADD COLUMN answer_updated_at BIGINT;
ALTER TABLE ama_question ADD COLUMN contribution_id BIGINT REFERENCES contribution (id);
UPDATE ama_question SET answer_updated_at = answered_at WHERE answered_at IS NOT NULL;
-- Each list of an AMA's page is one range: open ones by votes or by age, answered ones by
-- when they were answered, each with the id as the keyset's tie-breaker.
DROP INDEX ama_question_ama_state;
CREATE INDEX ama_question_by_age ON ama_question (ama_id, state, created_at, id);
CREATE INDEX ama_question_by_votes ON ama_question (ama_id, state, vote_count, id);
CREATE INDEX ama_question_by_answer ON ama_question (ama_id, state, answered_at, id);
CREATE INDEX ama_question_contribution ON ama_question (contribution_id)
    WHERE contribution_id IS NOT NULL;

-- Who follows a question, to hear by mail when it is answered.
CREATE TABLE ama_follow (
    question_id BIGINT NOT NULL REFERENCES ama_question (id) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (question_id, account_id)
);
CREATE INDEX ama_follow_account ON ama_follow (account_id);

-- An answer's earlier versions: each edit keeps the whole answer it replaced, its parts
-- quoted in Markdown as the page shows them, so a part taken out keeps its history too.
CREATE TABLE ama_answer_revision (
    id INTEGER PRIMARY KEY,
    question_id BIGINT NOT NULL REFERENCES ama_question (id) ON DELETE CASCADE,
    answer TEXT NOT NULL,
    -- When these words were written; the next revision (or the answer's last change) replaced
    -- them.
    written_at BIGINT NOT NULL,
    replaced_at BIGINT NOT NULL
);
CREATE INDEX ama_answer_revision_question ON ama_answer_revision (question_id, id);

-- Full-text search of an AMA's archive; its rowid is the question's id. Plaudit writes the
-- question's title and body and its answer, folded as the search words are.
CREATE VIRTUAL TABLE ama_search USING fts5 (text, tokenize = 'unicode61');
