-- The admin dashboard counts every award three ways: per award year and category, the renewals
-- per award year, and the awards that ended (new alumni) per year. Each count read the whole
-- award table, which grows by a program's awardees every year (tens of thousands of rows on
-- the large demo). With these, the first two are one pass over a covering index already in
-- award-year order, and the third one over a partial index of the ended awards only. Awards
-- are written once a cycle, so what the indexes cost on writes is small. The PostgreSQL and
-- SQLite migrations of this number are the same.
CREATE INDEX award_year_category ON award (award_year, category_id, revoked_at, renewal_of_award_id);
CREATE INDEX award_ended ON award (ended_early_on, ends_on, end_reason)
    WHERE ended_early_on IS NOT NULL OR end_reason = 'term_ended';
