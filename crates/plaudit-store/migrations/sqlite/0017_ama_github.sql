-- An AMA linked to a GitHub repository (ama.github_repo, since the first release) syncs with
-- it both ways: an issue is a question, a comment by the host is an answer part, closing is
-- answering (as completed) or declining (as not planned), labels are tags.

-- The host's GitHub login: their comments are the answer. The repository the questions'
-- issue numbers and comment ids are of (it stays when the AMA is unlinked, so linking it to the
-- same repository again goes on where it was; another repository starts afresh). The issue
-- listing's `since` (the newest issue `updated_at` seen, microseconds) that ama.github_etag was
-- answered for: the ETag is kept for that `since` only. When GitHub's rate limit holds until
-- (a job waits for it); NULL when it does not.
ALTER TABLE ama ADD COLUMN github_login TEXT;
ALTER TABLE ama ADD COLUMN github_issues_repo TEXT;
UPDATE ama SET github_issues_repo = github_repo;
ALTER TABLE ama ADD COLUMN github_since BIGINT;
ALTER TABLE ama ADD COLUMN github_retry_at BIGINT;
CREATE INDEX ama_github ON ama (id) WHERE github_repo IS NOT NULL;

-- updated_at moves with every change of a question in Plaudit (asked, state, answer, tags);
-- github_synced_at is the updated_at the last sync saw and wrote, so a question with
-- updated_at > github_synced_at (or never synced) changed in Plaudit since. github_updated_at
-- is the issue's updated_at at the last sync: a later one changed on GitHub since. What the
-- issue was at the last sync (its state as `open`, `closed` or `closed:<state_reason>`, its
-- labels one per line, the newest comment id accounted for) tells which field changed on
-- which side.
ALTER TABLE ama_question ADD COLUMN updated_at BIGINT NOT NULL DEFAULT 0;
UPDATE ama_question SET updated_at = COALESCE(answer_updated_at, answered_at, created_at);
ALTER TABLE ama_question ADD COLUMN github_updated_at BIGINT;
ALTER TABLE ama_question ADD COLUMN github_synced_at BIGINT;
ALTER TABLE ama_question ADD COLUMN github_state TEXT;
ALTER TABLE ama_question ADD COLUMN github_labels TEXT;
ALTER TABLE ama_question ADD COLUMN github_last_comment_id BIGINT;
-- The questions a sync pushes: never synced, or changed in Plaudit since.
CREATE INDEX ama_question_github_pending ON ama_question (ama_id, id)
    WHERE github_synced_at IS NULL OR updated_at > github_synced_at;

-- An answer part's comment (ama_answer.github_comment_id, since the first release) as the
-- last sync left it on GitHub: a part whose Markdown differs changed in Plaudit, a comment
-- whose body differs changed on GitHub.
ALTER TABLE ama_answer ADD COLUMN github_synced_body TEXT;
