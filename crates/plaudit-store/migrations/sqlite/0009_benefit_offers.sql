-- Which awardees a benefit is for: the categories it is offered to, award year by award year
-- (a sponsor's license deal is signed for a year and may cover some categories only). An
-- awardee may claim a benefit once for each award year in which one of their current awards'
-- category is offered it.
CREATE TABLE benefit_offer (
    benefit_id BIGINT NOT NULL REFERENCES benefit (id),
    award_year BIGINT NOT NULL,
    category_id BIGINT NOT NULL REFERENCES category (id),
    PRIMARY KEY (benefit_id, award_year, category_id)
);
-- An awardee's benefits page looks offers up by the award year and category of each award.
CREATE INDEX benefit_offer_category ON benefit_offer (category_id, award_year, benefit_id);

-- When admins were told the pool of codes ran low; cleared when new codes lift it above the
-- warning mark again, so the mail goes once per crossing.
ALTER TABLE benefit ADD COLUMN low_pool_notified_at BIGINT;

-- Benefits defined before offers existed were for everyone: offer them to every category of
-- every award year given so far.
INSERT INTO benefit_offer (benefit_id, award_year, category_id)
SELECT b.id, y.award_year, y.category_id
FROM benefit b CROSS JOIN (SELECT DISTINCT award_year, category_id FROM award) y;
