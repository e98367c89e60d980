-- The private community: its discussion boards are the program's categories. A thread is a
-- post without a parent; it belongs to one board and lists by its last activity, which it keeps
-- with its count of replies so a board's page reads one index range. Admins may hide a post.
ALTER TABLE community_post ADD COLUMN category_id BIGINT REFERENCES category (id);
ALTER TABLE community_post ADD COLUMN last_post_at BIGINT;
ALTER TABLE community_post ADD COLUMN reply_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE community_post ADD COLUMN hidden_at BIGINT;
ALTER TABLE community_post ADD COLUMN hidden_by_account_id BIGINT REFERENCES account (id);

-- Threads an earlier release wrote had no board: each goes to its author's latest award's
-- category (the first category when they have none).
UPDATE community_post SET category_id = COALESCE(
    (SELECT a.category_id FROM award a WHERE a.person_id = community_post.author_person_id
     ORDER BY a.starts_on DESC, a.id DESC LIMIT 1),
    (SELECT MIN(c.id) FROM category c))
WHERE parent_id IS NULL AND category_id IS NULL;
UPDATE community_post SET
    last_post_at = COALESCE(
        (SELECT MAX(r.created_at) FROM community_post r WHERE r.parent_id = community_post.id),
        created_at),
    reply_count = (SELECT COUNT(*) FROM community_post r WHERE r.parent_id = community_post.id)
WHERE parent_id IS NULL;

-- Replies have no board (their category is NULL), so a board's range holds its threads only.
CREATE INDEX community_thread_board ON community_post (category_id, last_post_at, id);
-- The threads of every board by last activity: PostgreSQL reads this partial index; SQLite,
-- which picks the index led by parent_id for "parent_id IS NULL", reads the second in order
-- (replies, found by parent_id, take it too, in place of the first release's index).
CREATE INDEX community_thread_recent ON community_post (last_post_at, id)
    WHERE parent_id IS NULL;
DROP INDEX community_post_parent;
CREATE INDEX community_post_thread ON community_post (parent_id, last_post_at, id);
CREATE INDEX community_post_hidden_by ON community_post (hidden_by_account_id)
    WHERE hidden_by_account_id IS NOT NULL;

-- What an awardee shares with the other awardees in the private directory: their account's
-- address (only when they say so) and a note of other ways to reach them.
CREATE TABLE community_contact (
    person_id BIGINT PRIMARY KEY REFERENCES person (id),
    share_email BOOLEAN NOT NULL DEFAULT FALSE,
    contact_note TEXT NOT NULL DEFAULT '',
    updated_at BIGINT NOT NULL
);
