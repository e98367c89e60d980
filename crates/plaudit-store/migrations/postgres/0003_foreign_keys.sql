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
-- outlive whatever it names. The SQLite migration of the same number does the same.

-- A reference that already points at nothing carries no information; the new keys would
-- refuse it.
UPDATE candidacy SET renewal_of_award_id = NULL
WHERE renewal_of_award_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM award a WHERE a.id = candidacy.renewal_of_award_id);
UPDATE person_merge SET merged_by_account_id = NULL
WHERE merged_by_account_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM account a WHERE a.id = person_merge.merged_by_account_id);

ALTER TABLE import_suggestion DROP CONSTRAINT import_suggestion_contribution_id_fkey;
ALTER TABLE import_suggestion ADD CONSTRAINT import_suggestion_contribution_id_fkey
    FOREIGN KEY (contribution_id) REFERENCES contribution (id) ON DELETE SET NULL;
ALTER TABLE candidacy ADD CONSTRAINT candidacy_renewal_of_award_id_fkey
    FOREIGN KEY (renewal_of_award_id) REFERENCES award (id);
ALTER TABLE person_merge ADD CONSTRAINT person_merge_merged_by_account_id_fkey
    FOREIGN KEY (merged_by_account_id) REFERENCES account (id);

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
