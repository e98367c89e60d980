-- Announcements have three audiences: everyone, awardees, and awardees who accepted the
-- current NDA (under_nda). An embargoed one becomes public at public_from_at.
ALTER TABLE announcement ADD COLUMN awardees_only BOOLEAN NOT NULL DEFAULT FALSE;

-- The instant an announcement is public from: when it was published for a public one, its
-- embargo's end for the others, never (NULL) for one without an embargo. The public list and
-- feed are then one range of this index, and nothing under NDA or for awardees can reach them
-- before its time: the condition is one column, not a rule repeated in every query.
ALTER TABLE announcement ADD COLUMN public_at BIGINT;
UPDATE announcement SET public_at = CASE
    WHEN under_nda OR awardees_only THEN public_from_at ELSE published_at END;
CREATE INDEX announcement_public_at ON announcement (public_at) WHERE public_at IS NOT NULL;
