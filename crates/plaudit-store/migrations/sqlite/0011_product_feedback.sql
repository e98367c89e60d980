-- Product feedback goes to a product area, and the product team members of that area read it,
-- answer it and move it through its states. Until now a thread named its area in free text.
CREATE TABLE product_area (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- Who answers for an area. The queue of a product team member is the threads of their areas.
CREATE TABLE product_team_member (
    product_area_id BIGINT NOT NULL REFERENCES product_area (id) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    PRIMARY KEY (product_area_id, account_id)
);
CREATE INDEX product_team_member_account ON product_team_member (account_id, product_area_id);

ALTER TABLE feedback_thread ADD COLUMN product_area_id BIGINT REFERENCES product_area (id);
ALTER TABLE feedback_thread ADD COLUMN severity TEXT NOT NULL DEFAULT 'normal';
-- The contribution of type product_feedback that filing the thread recorded for its author.
ALTER TABLE feedback_thread ADD COLUMN contribution_id BIGINT REFERENCES contribution (id) ON DELETE SET NULL;
-- A queue is one area's threads, by state, most recently active first.
CREATE INDEX feedback_thread_queue ON feedback_thread (product_area_id, status, updated_at);
CREATE INDEX feedback_thread_contribution ON feedback_thread (contribution_id);
-- An admin's queue of every area walks this order and stops at a page.
CREATE INDEX feedback_thread_recent ON feedback_thread (updated_at, id);

-- Threads written before areas existed: each named area becomes one, the states take the
-- names of the flow (new, acknowledged, planned, shipped, wont_do), and every product team
-- member answers for every area until an admin says otherwise.
INSERT INTO product_area (slug, name, created_at)
SELECT lower(replace(MIN(area), ' ', '-')), MIN(area), MIN(created_at)
FROM (SELECT CASE WHEN trim(product_area) = '' THEN 'General' ELSE trim(product_area) END AS area,
             created_at
      FROM feedback_thread) t
GROUP BY lower(replace(area, ' ', '-'));
UPDATE feedback_thread SET product_area_id = (
    SELECT a.id FROM product_area a WHERE a.slug = lower(replace(
        CASE WHEN trim(feedback_thread.product_area) = '' THEN 'General'
             ELSE trim(feedback_thread.product_area) END, ' ', '-')));
UPDATE feedback_thread SET status = CASE status
    WHEN 'answered' THEN 'acknowledged'
    WHEN 'closed' THEN 'shipped'
    WHEN 'planned' THEN 'planned'
    WHEN 'acknowledged' THEN 'acknowledged'
    WHEN 'shipped' THEN 'shipped'
    WHEN 'wont_do' THEN 'wont_do'
    ELSE 'new' END;
INSERT INTO product_team_member (product_area_id, account_id)
SELECT a.id, r.account_id FROM product_area a CROSS JOIN account_role r
WHERE r.role = 'product_team';
