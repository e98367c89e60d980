-- What an organizer tells an awardee about an event, and what the awardee answers: whether
-- travel is paid, who the audience is, a note back, and when (if ever) they chose to share
-- their e-mail address with the organizer, which is never shown before.
ALTER TABLE speaking_request ADD COLUMN audience TEXT NOT NULL DEFAULT '';
ALTER TABLE speaking_request ADD COLUMN travel_support BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE speaking_request ADD COLUMN response_note TEXT NOT NULL DEFAULT '';
ALTER TABLE speaking_request ADD COLUMN email_shared_at BIGINT;
-- An organizer's sent requests, newest first, and the count that rate-limits them, read one
-- range: the index on the organizer alone (0003) gains the time.
DROP INDEX speaking_request_organizer;
CREATE INDEX speaking_request_organizer ON speaking_request (organizer_account_id, created_at);
