-- The candidate's journey: invitations a nominee without an account can answer, one
-- nomination per nominator, and the profile a candidate fills in.

-- An invitation belongs to the candidacy, not to an account: the nominee may have none yet.
CREATE TABLE candidacy_invitation (
    id INTEGER PRIMARY KEY,
    candidacy_id BIGINT NOT NULL REFERENCES candidacy (id),
    email TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX candidacy_invitation_candidacy ON candidacy_invitation (candidacy_id);

-- One nomination per nominator per candidacy; earlier data may hold repeats, of which the
-- first is kept.
DELETE FROM nomination WHERE id NOT IN (
    SELECT MIN(id) FROM nomination GROUP BY candidacy_id, nominator_person_id);
DROP INDEX nomination_candidacy;
CREATE UNIQUE INDEX nomination_candidacy_nominator ON nomination (candidacy_id, nominator_person_id);

-- The nominee confirms the minimum age; no birth date is kept.
ALTER TABLE person ADD COLUMN age_confirmed_at BIGINT;
ALTER TABLE person ADD COLUMN languages TEXT NOT NULL DEFAULT '';
-- Links a person shows (blog, GitHub, …), one "label<TAB>url" per line.
ALTER TABLE person ADD COLUMN links TEXT NOT NULL DEFAULT '';
-- Bumped with each new photo, so photo URLs can be cached forever.
ALTER TABLE person ADD COLUMN photo_version BIGINT;

CREATE TABLE person_area (
    person_id BIGINT NOT NULL REFERENCES person (id),
    technology_area_id BIGINT NOT NULL REFERENCES technology_area (id),
    PRIMARY KEY (person_id, technology_area_id)
);
CREATE INDEX person_area_area ON person_area (technology_area_id);

-- A photo in each served size, already resized and stripped of metadata.
CREATE TABLE person_photo (
    person_id BIGINT NOT NULL REFERENCES person (id),
    size BIGINT NOT NULL,
    content_type TEXT NOT NULL,
    bytes BLOB NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (person_id, size)
);

ALTER TABLE endorsement ADD COLUMN updated_at BIGINT;

-- How many high-impact contributions a profile features.
ALTER TABLE program_settings ADD COLUMN featured_contributions BIGINT NOT NULL DEFAULT 5;
