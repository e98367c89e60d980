-- An admin's page of a benefit lists its newest claims: one range of this index, however many
-- awardees claimed it.
CREATE INDEX benefit_claim_recent ON benefit_claim (benefit_id, claimed_at, id);
