-- Plaudit's whole data model, SQLite dialect. The PostgreSQL migration of the same number is the
-- source; this file differs only in identity keys and the append-only triggers. schema_parity tests that
-- the two never drift.
--
-- Conventions, identical on both backends:
--   *_at  BIGINT  an instant, microseconds since the Unix epoch, UTC. Integers sort and compare
--                 correctly on both databases (SQLite's text timestamps do not) and keep the same
--                 precision on both.
--   *_on  TEXT    a calendar date, 'YYYY-MM-DD', which sorts as text.
--   kinds TEXT    stable snake_case values from plaudit-domain's vocabularies.
-- No JSON columns and no now() in SQL: time comes from the application's clock.

-- The program ---------------------------------------------------------------------------------

CREATE TABLE program_settings (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    tagline TEXT NOT NULL DEFAULT '',
    sponsor_name TEXT NOT NULL,
    minimum_age BIGINT NOT NULL DEFAULT 18,
    code_of_conduct_version TEXT,
    self_nomination_allowed BOOLEAN NOT NULL DEFAULT FALSE,
    member_endorsements_allowed BOOLEAN NOT NULL DEFAULT FALSE,
    multiple_categories_allowed BOOLEAN NOT NULL DEFAULT TRUE,
    blind_review BOOLEAN NOT NULL DEFAULT FALSE,
    score_aggregation TEXT NOT NULL DEFAULT 'median',
    review_quorum BIGINT NOT NULL DEFAULT 3,
    reviewer_regions_enabled BOOLEAN NOT NULL DEFAULT FALSE,
    renewal_month BIGINT NOT NULL DEFAULT 7,
    renewal_day BIGINT NOT NULL DEFAULT 1,
    time_zone TEXT NOT NULL DEFAULT 'UTC',
    updated_at BIGINT NOT NULL
);

CREATE TABLE sponsor_domain (
    id INTEGER PRIMARY KEY,
    domain TEXT NOT NULL UNIQUE
);

CREATE TABLE code_of_conduct (
    id INTEGER PRIMARY KEY,
    version TEXT NOT NULL UNIQUE,
    body TEXT NOT NULL,
    published_at BIGINT NOT NULL
);

CREATE TABLE category (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    position BIGINT NOT NULL DEFAULT 0,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at BIGINT NOT NULL
);

CREATE TABLE technology_area (
    id INTEGER PRIMARY KEY,
    category_id BIGINT NOT NULL REFERENCES category (id),
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE
);
CREATE INDEX technology_area_category ON technology_area (category_id);

CREATE TABLE cycle (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    -- new_awards cycles take nominations; renewal cycles review current awardees.
    kind TEXT NOT NULL,
    award_year BIGINT NOT NULL,
    nominations_open_on TEXT NOT NULL,
    nominations_close_on TEXT NOT NULL,
    contributions_due_on TEXT NOT NULL,
    review_start_on TEXT NOT NULL,
    review_end_on TEXT NOT NULL,
    announcement_on TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX cycle_announcement ON cycle (announcement_on);

-- People and accounts ------------------------------------------------------------------------

CREATE TABLE person (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    headline TEXT NOT NULL DEFAULT '',
    bio TEXT NOT NULL DEFAULT '',
    country TEXT,
    region TEXT,
    employer TEXT,
    birth_date_on TEXT,
    avatar_url TEXT,
    code_of_conduct_version TEXT,
    code_of_conduct_accepted_at BIGINT,
    -- Set when this person was merged into another; the row stays so a merge can be undone.
    merged_into_id BIGINT REFERENCES person (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX person_merged_into ON person (merged_into_id) WHERE merged_into_id IS NOT NULL;
CREATE INDEX person_employer ON person (employer) WHERE employer IS NOT NULL;

-- Everything that identifies a person elsewhere: e-mails, GitHub login, Stack Exchange id, …
CREATE TABLE person_identity (
    id INTEGER PRIMARY KEY,
    person_id BIGINT NOT NULL REFERENCES person (id),
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    normalized TEXT NOT NULL,
    is_primary BOOLEAN NOT NULL DEFAULT FALSE,
    verified_at BIGINT,
    created_at BIGINT NOT NULL,
    UNIQUE (kind, normalized)
);
CREATE INDEX person_identity_person ON person_identity (person_id);

CREATE TABLE person_merge_suggestion (
    id INTEGER PRIMARY KEY,
    person_a_id BIGINT NOT NULL REFERENCES person (id),
    person_b_id BIGINT NOT NULL REFERENCES person (id),
    reason TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open',
    created_at BIGINT NOT NULL,
    UNIQUE (person_a_id, person_b_id)
);
CREATE INDEX person_merge_suggestion_status ON person_merge_suggestion (status, created_at);

CREATE TABLE person_merge (
    id INTEGER PRIMARY KEY,
    kept_person_id BIGINT NOT NULL REFERENCES person (id),
    merged_person_id BIGINT NOT NULL REFERENCES person (id),
    merged_by_account_id BIGINT,
    merged_at BIGINT NOT NULL,
    undone_at BIGINT
);
CREATE INDEX person_merge_kept ON person_merge (kept_person_id);
CREATE INDEX person_merge_merged ON person_merge (merged_person_id);

-- Each row a merge moved to the kept person, so the merge can be undone exactly.
CREATE TABLE person_merge_move (
    id INTEGER PRIMARY KEY,
    merge_id BIGINT NOT NULL REFERENCES person_merge (id) ON DELETE CASCADE,
    table_name TEXT NOT NULL,
    row_id BIGINT NOT NULL
);
CREATE INDEX person_merge_move_merge ON person_merge_move (merge_id);

CREATE TABLE account (
    id INTEGER PRIMARY KEY,
    person_id BIGINT NOT NULL UNIQUE REFERENCES person (id),
    email TEXT NOT NULL,
    email_normalized TEXT NOT NULL UNIQUE,
    -- Null for accounts that only sign in through an identity provider.
    password_hash TEXT,
    email_verified_at BIGINT,
    failed_sign_ins BIGINT NOT NULL DEFAULT 0,
    locked_until BIGINT,
    disabled_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE account_role (
    id INTEGER PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    granted_by_account_id BIGINT REFERENCES account (id),
    granted_at BIGINT NOT NULL,
    UNIQUE (account_id, role)
);
CREATE INDEX account_role_role ON account_role (role);

-- A reviewer sees the candidacies of these categories; region '' means every region.
CREATE TABLE reviewer_scope (
    id INTEGER PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    category_id BIGINT NOT NULL REFERENCES category (id),
    region TEXT NOT NULL DEFAULT '',
    UNIQUE (account_id, category_id, region)
);
CREATE INDEX reviewer_scope_category ON reviewer_scope (category_id);

CREATE TABLE external_identity (
    id INTEGER PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    provider TEXT NOT NULL,
    subject TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (provider, subject)
);
CREATE INDEX external_identity_account ON external_identity (account_id);

-- Server-side sessions, so any replica can serve any request. The id is stored hashed.
CREATE TABLE web_session (
    id TEXT PRIMARY KEY,
    account_id BIGINT REFERENCES account (id) ON DELETE CASCADE,
    data TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX web_session_expires ON web_session (expires_at);
CREATE INDEX web_session_account ON web_session (account_id) WHERE account_id IS NOT NULL;

CREATE TABLE api_token (
    id INTEGER PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    scope TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at BIGINT
);
CREATE INDEX api_token_account ON api_token (account_id);

-- Single-use links sent by e-mail: verification, password reset, change of address.
CREATE TABLE email_token (
    id INTEGER PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    new_email TEXT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX email_token_account ON email_token (account_id, purpose);

CREATE TABLE follow (
    id INTEGER PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES person (id),
    created_at BIGINT NOT NULL,
    UNIQUE (account_id, person_id)
);
CREATE INDEX follow_person ON follow (person_id);

-- Nominations and candidacies ----------------------------------------------------------------

CREATE TABLE candidacy (
    id INTEGER PRIMARY KEY,
    cycle_id BIGINT NOT NULL REFERENCES cycle (id),
    category_id BIGINT NOT NULL REFERENCES category (id),
    person_id BIGINT NOT NULL REFERENCES person (id),
    state TEXT NOT NULL,
    -- A renewal candidacy reviews the year of an award that is about to end.
    renewal_of_award_id BIGINT,
    invited_at BIGINT,
    responded_at BIGINT,
    submitted_at BIGINT,
    decided_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (person_id, category_id, cycle_id)
);
CREATE INDEX candidacy_cycle_category_state ON candidacy (cycle_id, category_id, state);
CREATE INDEX candidacy_state ON candidacy (state);

-- Every nomination is kept, with its nominator and reason, even when several merge into one
-- candidacy.
CREATE TABLE nomination (
    id INTEGER PRIMARY KEY,
    candidacy_id BIGINT NOT NULL REFERENCES candidacy (id),
    nominator_person_id BIGINT NOT NULL REFERENCES person (id),
    nominee_name TEXT NOT NULL,
    nominee_email TEXT NOT NULL,
    links TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL,
    is_self BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL
);
CREATE INDEX nomination_candidacy ON nomination (candidacy_id);
CREATE INDEX nomination_nominator ON nomination (nominator_person_id);

CREATE TABLE candidacy_event (
    id INTEGER PRIMARY KEY,
    candidacy_id BIGINT NOT NULL REFERENCES candidacy (id),
    from_state TEXT,
    to_state TEXT NOT NULL,
    event TEXT NOT NULL,
    actor_account_id BIGINT REFERENCES account (id),
    note TEXT NOT NULL DEFAULT '',
    at BIGINT NOT NULL
);
CREATE INDEX candidacy_event_candidacy ON candidacy_event (candidacy_id, at);

CREATE TABLE endorsement (
    id INTEGER PRIMARY KEY,
    candidacy_id BIGINT NOT NULL REFERENCES candidacy (id),
    endorser_person_id BIGINT NOT NULL REFERENCES person (id),
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    withdrawn_at BIGINT,
    UNIQUE (candidacy_id, endorser_person_id)
);
CREATE INDEX endorsement_endorser ON endorsement (endorser_person_id);

-- Contributions -------------------------------------------------------------------------------

CREATE TABLE contribution (
    id INTEGER PRIMARY KEY,
    person_id BIGINT NOT NULL REFERENCES person (id),
    contribution_type TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    -- Seen by reviewers only.
    private_note TEXT NOT NULL DEFAULT '',
    started_on TEXT NOT NULL,
    ended_on TEXT,
    url TEXT,
    canonical_url TEXT,
    primary_area_id BIGINT REFERENCES technology_area (id),
    person_role TEXT NOT NULL,
    visibility TEXT NOT NULL DEFAULT 'public',
    high_impact BOOLEAN NOT NULL DEFAULT FALSE,
    source TEXT NOT NULL DEFAULT 'manual',
    source_ref TEXT,
    -- Reach figures; only those that fit the type are set. Columns, not rows, so that a standings
    -- recompute over millions of contributions reads one row each.
    views BIGINT,
    live_views BIGINT,
    on_demand_views BIGINT,
    attendees BIGINT,
    sessions BIGINT,
    subscribers BIGINT,
    copies_sold BIGINT,
    answers BIGINT,
    stars BIGINT,
    downloads BIGINT,
    people_mentored BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX contribution_person_started ON contribution (person_id, started_on);
CREATE UNIQUE INDEX contribution_person_canonical_url ON contribution (person_id, canonical_url)
    WHERE canonical_url IS NOT NULL;
CREATE INDEX contribution_primary_area ON contribution (primary_area_id);

CREATE TABLE contribution_area (
    contribution_id BIGINT NOT NULL REFERENCES contribution (id) ON DELETE CASCADE,
    technology_area_id BIGINT NOT NULL REFERENCES technology_area (id),
    PRIMARY KEY (contribution_id, technology_area_id)
);
CREATE INDEX contribution_area_area ON contribution_area (technology_area_id);

CREATE TABLE contribution_audience (
    contribution_id BIGINT NOT NULL REFERENCES contribution (id) ON DELETE CASCADE,
    audience TEXT NOT NULL,
    PRIMARY KEY (contribution_id, audience)
);

-- Drafts of the contribution form, saved as the person types, so nothing is lost to a timeout.
CREATE TABLE contribution_draft (
    id INTEGER PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    contribution_id BIGINT REFERENCES contribution (id) ON DELETE CASCADE,
    fields TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX contribution_draft_account ON contribution_draft (account_id);

-- The published rubric ------------------------------------------------------------------------

CREATE TABLE rubric_version (
    id INTEGER PRIMARY KEY,
    category_id BIGINT NOT NULL REFERENCES category (id),
    version BIGINT NOT NULL,
    threshold BIGINT NOT NULL,
    consistency_points_per_month BIGINT NOT NULL,
    consistency_cap BIGINT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    published_at BIGINT,
    created_at BIGINT NOT NULL,
    UNIQUE (category_id, version)
);

CREATE TABLE rubric_criterion (
    id INTEGER PRIMARY KEY,
    rubric_version_id BIGINT NOT NULL REFERENCES rubric_version (id) ON DELETE CASCADE,
    contribution_type TEXT NOT NULL,
    base_points BIGINT NOT NULL,
    cap BIGINT NOT NULL,
    reach_metric TEXT,
    UNIQUE (rubric_version_id, contribution_type)
);

CREATE TABLE rubric_reach_tier (
    id INTEGER PRIMARY KEY,
    criterion_id BIGINT NOT NULL REFERENCES rubric_criterion (id) ON DELETE CASCADE,
    min_reach BIGINT NOT NULL,
    bonus BIGINT NOT NULL,
    UNIQUE (criterion_id, min_reach)
);

-- What reviewers score, per rubric version (impact, consistency, quality, …).
CREATE TABLE review_criterion (
    id INTEGER PRIMARY KEY,
    rubric_version_id BIGINT NOT NULL REFERENCES rubric_version (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    weight BIGINT NOT NULL DEFAULT 1,
    max_score BIGINT NOT NULL DEFAULT 5,
    position BIGINT NOT NULL DEFAULT 0,
    UNIQUE (rubric_version_id, key)
);

-- The latest computed standing of a person against a category's rubric.
CREATE TABLE standing (
    id INTEGER PRIMARY KEY,
    person_id BIGINT NOT NULL REFERENCES person (id),
    category_id BIGINT NOT NULL REFERENCES category (id),
    rubric_version_id BIGINT NOT NULL REFERENCES rubric_version (id),
    window_start_on TEXT NOT NULL,
    window_end_on TEXT NOT NULL,
    total BIGINT NOT NULL,
    threshold BIGINT NOT NULL,
    active_months BIGINT NOT NULL,
    computed_at BIGINT NOT NULL,
    UNIQUE (person_id, category_id)
);
CREATE INDEX standing_category_total ON standing (category_id, total);

-- Review and decisions ------------------------------------------------------------------------

CREATE TABLE review (
    id INTEGER PRIMARY KEY,
    candidacy_id BIGINT NOT NULL REFERENCES candidacy (id),
    reviewer_account_id BIGINT NOT NULL REFERENCES account (id),
    vote TEXT,
    rationale TEXT NOT NULL DEFAULT '',
    submitted_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (candidacy_id, reviewer_account_id)
);
CREATE INDEX review_reviewer ON review (reviewer_account_id);

CREATE TABLE review_score (
    id INTEGER PRIMARY KEY,
    review_id BIGINT NOT NULL REFERENCES review (id) ON DELETE CASCADE,
    review_criterion_id BIGINT NOT NULL REFERENCES review_criterion (id),
    score BIGINT NOT NULL,
    UNIQUE (review_id, review_criterion_id)
);

CREATE TABLE decision (
    id INTEGER PRIMARY KEY,
    candidacy_id BIGINT NOT NULL UNIQUE REFERENCES candidacy (id),
    outcome TEXT NOT NULL,
    rationale TEXT NOT NULL,
    -- The rubric is advice: a decision that departs from it says so, and why, in the rationale.
    departs_from_rubric BOOLEAN NOT NULL DEFAULT FALSE,
    standing_total BIGINT NOT NULL,
    threshold BIGINT NOT NULL,
    aggregated_score DOUBLE PRECISION,
    votes_award BIGINT NOT NULL DEFAULT 0,
    votes_decline BIGINT NOT NULL DEFAULT 0,
    votes_defer BIGINT NOT NULL DEFAULT 0,
    finalized_by_account_id BIGINT REFERENCES account (id),
    decided_at BIGINT NOT NULL
);

-- Awards --------------------------------------------------------------------------------------

CREATE TABLE award (
    id INTEGER PRIMARY KEY,
    person_id BIGINT NOT NULL REFERENCES person (id),
    category_id BIGINT NOT NULL REFERENCES category (id),
    award_year BIGINT NOT NULL,
    candidacy_id BIGINT REFERENCES candidacy (id),
    -- The award this one renews; a renewal continues the history.
    renewal_of_award_id BIGINT REFERENCES award (id),
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    -- Set when an award ends before ends_on (joined the sponsor, withdrew, revoked).
    ended_early_on TEXT,
    end_reason TEXT,
    -- Public id of the Open Badges credential.
    credential_id TEXT NOT NULL UNIQUE,
    revoked_at BIGINT,
    created_at BIGINT NOT NULL,
    UNIQUE (person_id, category_id, award_year)
);
CREATE INDEX award_category_ends ON award (category_id, ends_on);
CREATE INDEX award_ends ON award (ends_on);
CREATE INDEX award_renewal_of ON award (renewal_of_award_id) WHERE renewal_of_award_id IS NOT NULL;

-- Benefits ------------------------------------------------------------------------------------

CREATE TABLE benefit (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    low_pool_warning BIGINT NOT NULL DEFAULT 10,
    created_at BIGINT NOT NULL
);

CREATE TABLE benefit_code (
    id INTEGER PRIMARY KEY,
    benefit_id BIGINT NOT NULL REFERENCES benefit (id),
    code TEXT NOT NULL,
    added_at BIGINT NOT NULL,
    claimed_at BIGINT,
    UNIQUE (benefit_id, code)
);
CREATE INDEX benefit_code_unclaimed ON benefit_code (benefit_id, id) WHERE claimed_at IS NULL;

-- One claim per awardee per benefit per award year.
CREATE TABLE benefit_claim (
    id INTEGER PRIMARY KEY,
    benefit_id BIGINT NOT NULL REFERENCES benefit (id),
    person_id BIGINT NOT NULL REFERENCES person (id),
    award_year BIGINT NOT NULL,
    benefit_code_id BIGINT UNIQUE REFERENCES benefit_code (id),
    claimed_at BIGINT NOT NULL,
    UNIQUE (benefit_id, person_id, award_year)
);
CREATE INDEX benefit_claim_person ON benefit_claim (person_id);

-- NDA and announcements -----------------------------------------------------------------------

CREATE TABLE nda_version (
    id INTEGER PRIMARY KEY,
    version TEXT NOT NULL UNIQUE,
    body TEXT NOT NULL,
    published_at BIGINT NOT NULL
);

CREATE TABLE nda_acceptance (
    id INTEGER PRIMARY KEY,
    person_id BIGINT NOT NULL REFERENCES person (id),
    nda_version_id BIGINT NOT NULL REFERENCES nda_version (id),
    accepted_at BIGINT NOT NULL,
    UNIQUE (person_id, nda_version_id)
);

CREATE TABLE announcement (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    -- NDA content is shown only to awardees who accepted the current NDA, never publicly.
    under_nda BOOLEAN NOT NULL DEFAULT FALSE,
    -- When set, the announcement becomes public (and leaves NDA) at this instant.
    public_from_at BIGINT,
    author_account_id BIGINT REFERENCES account (id),
    published_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX announcement_published ON announcement (under_nda, published_at);

-- The private community area.
CREATE TABLE community_post (
    id INTEGER PRIMARY KEY,
    parent_id BIGINT REFERENCES community_post (id),
    author_person_id BIGINT NOT NULL REFERENCES person (id),
    title TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    edited_at BIGINT
);
CREATE INDEX community_post_parent ON community_post (parent_id, created_at);

-- Product feedback ----------------------------------------------------------------------------

CREATE TABLE feedback_thread (
    id INTEGER PRIMARY KEY,
    author_person_id BIGINT NOT NULL REFERENCES person (id),
    category_id BIGINT REFERENCES category (id),
    product_area TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open',
    under_nda BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX feedback_thread_status ON feedback_thread (status, updated_at);
CREATE INDEX feedback_thread_author ON feedback_thread (author_person_id);

CREATE TABLE feedback_message (
    id INTEGER PRIMARY KEY,
    thread_id BIGINT NOT NULL REFERENCES feedback_thread (id) ON DELETE CASCADE,
    author_account_id BIGINT NOT NULL REFERENCES account (id),
    from_product_team BOOLEAN NOT NULL DEFAULT FALSE,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX feedback_message_thread ON feedback_message (thread_id, created_at);

-- Speaking ------------------------------------------------------------------------------------

CREATE TABLE speaking_profile (
    id INTEGER PRIMARY KEY,
    person_id BIGINT NOT NULL UNIQUE REFERENCES person (id),
    accepts_requests BOOLEAN NOT NULL DEFAULT FALSE,
    topics TEXT NOT NULL DEFAULT '',
    regions TEXT NOT NULL DEFAULT '',
    languages TEXT NOT NULL DEFAULT '',
    remote_ok BOOLEAN NOT NULL DEFAULT TRUE,
    travel_ok BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at BIGINT NOT NULL
);
CREATE INDEX speaking_profile_accepts ON speaking_profile (accepts_requests);

-- An organizer's request, relayed by Plaudit so the awardee's address is never shown.
CREATE TABLE speaking_request (
    id INTEGER PRIMARY KEY,
    person_id BIGINT NOT NULL REFERENCES person (id),
    organizer_account_id BIGINT REFERENCES account (id),
    organizer_name TEXT NOT NULL,
    organizer_email TEXT NOT NULL,
    event_name TEXT NOT NULL,
    event_url TEXT,
    event_on TEXT,
    location TEXT NOT NULL DEFAULT '',
    is_remote BOOLEAN NOT NULL DEFAULT FALSE,
    message TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    created_at BIGINT NOT NULL,
    responded_at BIGINT
);
CREATE INDEX speaking_request_person ON speaking_request (person_id, status);

-- AMA -----------------------------------------------------------------------------------------

CREATE TABLE ama (
    id INTEGER PRIMARY KEY,
    host_person_id BIGINT NOT NULL REFERENCES person (id),
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    accepting_questions BOOLEAN NOT NULL DEFAULT TRUE,
    -- "owner/name" of a GitHub repository used as an AMA (issues are questions).
    github_repo TEXT,
    github_etag TEXT,
    github_synced_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX ama_host ON ama (host_person_id);

CREATE TABLE ama_question (
    id INTEGER PRIMARY KEY,
    ama_id BIGINT NOT NULL REFERENCES ama (id),
    asker_account_id BIGINT REFERENCES account (id),
    asker_name TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'open',
    duplicate_of_id BIGINT REFERENCES ama_question (id),
    decline_reason TEXT,
    vote_count BIGINT NOT NULL DEFAULT 0,
    github_issue_number BIGINT,
    created_at BIGINT NOT NULL,
    answered_at BIGINT
);
CREATE INDEX ama_question_ama_state ON ama_question (ama_id, state, created_at);
CREATE UNIQUE INDEX ama_question_github_issue ON ama_question (ama_id, github_issue_number)
    WHERE github_issue_number IS NOT NULL;

CREATE TABLE ama_question_tag (
    question_id BIGINT NOT NULL REFERENCES ama_question (id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (question_id, tag)
);
CREATE INDEX ama_question_tag_tag ON ama_question_tag (tag);

CREATE TABLE ama_vote (
    question_id BIGINT NOT NULL REFERENCES ama_question (id) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (question_id, account_id)
);

-- One answer may take a question's parts one at a time: each part is a row, in order.
CREATE TABLE ama_answer (
    id INTEGER PRIMARY KEY,
    question_id BIGINT NOT NULL REFERENCES ama_question (id) ON DELETE CASCADE,
    position BIGINT NOT NULL DEFAULT 0,
    question_part TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    github_comment_id BIGINT,
    published_as_post_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (question_id, position)
);

-- Importers -----------------------------------------------------------------------------------

CREATE TABLE import_source (
    id INTEGER PRIMARY KEY,
    person_id BIGINT NOT NULL REFERENCES person (id),
    kind TEXT NOT NULL,
    locator TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    last_fetched_at BIGINT,
    last_error TEXT,
    next_fetch_at BIGINT,
    created_at BIGINT NOT NULL,
    UNIQUE (person_id, kind, locator)
);
CREATE INDEX import_source_next_fetch ON import_source (next_fetch_at);

CREATE TABLE import_suggestion (
    id INTEGER PRIMARY KEY,
    import_source_id BIGINT NOT NULL REFERENCES import_source (id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES person (id),
    external_id TEXT NOT NULL,
    canonical_url TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    contribution_type TEXT NOT NULL,
    occurred_on TEXT NOT NULL,
    reach_metric TEXT,
    reach_value BIGINT,
    status TEXT NOT NULL DEFAULT 'pending',
    contribution_id BIGINT REFERENCES contribution (id),
    created_at BIGINT NOT NULL,
    decided_at BIGINT,
    UNIQUE (person_id, canonical_url)
);
CREATE INDEX import_suggestion_person_status ON import_suggestion (person_id, status);

-- Machinery -----------------------------------------------------------------------------------

-- Background jobs. Claimed with a lease (locked_until), so a killed replica's job is retried;
-- dedupe_key makes periodic work enqueue once across replicas.
CREATE TABLE job (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL DEFAULT '',
    dedupe_key TEXT UNIQUE,
    run_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    max_attempts BIGINT NOT NULL DEFAULT 10,
    locked_until BIGINT,
    last_error TEXT,
    created_at BIGINT NOT NULL,
    finished_at BIGINT
);
CREATE INDEX job_due ON job (run_at) WHERE finished_at IS NULL;

-- Mail is written here in the same transaction as the change that caused it, then sent.
CREATE TABLE mail_outbox (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT NOT NULL,
    send_after_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    locked_until BIGINT,
    last_error TEXT,
    created_at BIGINT NOT NULL,
    sent_at BIGINT
);
CREATE INDEX mail_outbox_due ON mail_outbox (send_after_at) WHERE sent_at IS NULL;

-- Append-only: every decision and every security-relevant event. Triggers refuse UPDATE and
-- DELETE.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at BIGINT NOT NULL,
    actor_account_id BIGINT,
    action TEXT NOT NULL,
    subject_type TEXT NOT NULL,
    subject_id BIGINT,
    detail TEXT NOT NULL DEFAULT '',
    ip TEXT
);
CREATE INDEX audit_log_subject ON audit_log (subject_type, subject_id);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor_account_id) WHERE actor_account_id IS NOT NULL;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
