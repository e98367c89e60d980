-- Awardees hear of an announcement for them by mail, which a job sends in batches of people.
-- Its progress is the last person mailed, written with each batch in the same transaction as
-- that batch's mails, so a job retried after a crash mails nobody twice.
ALTER TABLE announcement ADD COLUMN mailed_through_person_id BIGINT;
ALTER TABLE announcement ADD COLUMN mailed_at BIGINT;
