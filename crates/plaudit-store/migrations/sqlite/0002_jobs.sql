-- Jobs and mail that stop trying. The PostgreSQL migration of the same number is identical.
--
-- A job that fails max_attempts times ends "failed": finished_at and failed_at are set and
-- last_error keeps the reason, so job_due (WHERE finished_at IS NULL) never offers it again
-- until an admin retries it. A done job has finished_at and no failed_at.
ALTER TABLE job ADD COLUMN failed_at BIGINT;
CREATE INDEX job_failed ON job (failed_at) WHERE failed_at IS NOT NULL;

-- A mail the server refused for good (a 5xx reply, an address that cannot be written) is not
-- retried: gave_up_at is set and last_error keeps the reply. The due index leaves it out, so
-- the worker never claims it until an admin retries it.
ALTER TABLE mail_outbox ADD COLUMN gave_up_at BIGINT;
DROP INDEX mail_outbox_due;
CREATE INDEX mail_outbox_due ON mail_outbox (send_after_at) WHERE sent_at IS NULL AND gave_up_at IS NULL;
CREATE INDEX mail_outbox_gave_up ON mail_outbox (gave_up_at) WHERE gave_up_at IS NOT NULL;
