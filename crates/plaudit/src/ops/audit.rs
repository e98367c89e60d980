//! The audit log's vocabulary: every action an operation records, named once.

use jiff::Timestamp;
use plaudit_store::audit::{self, Entry};
use plaudit_store::{StoreError, Tx};

macro_rules! actions {
    ($( $name:ident = $stored:literal; )*) => {
        /// What happened, as the audit log stores it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum AuditAction {
            $( $name, )*
        }

        impl AuditAction {
            pub const ALL: &[AuditAction] = &[$( AuditAction::$name, )*];

            pub fn as_str(self) -> &'static str {
                match self { $( AuditAction::$name => $stored, )* }
            }
        }
    };
}

actions! {
    AccountCreated = "account.created";
    SignUpForExistingAddress = "account.sign_up_for_existing_address";
    EmailVerified = "account.email_verified";
    Renamed = "account.renamed";
    SignIn = "sign_in";
    SignInFailed = "sign_in.failed";
    SignInLocked = "sign_in.locked";
    SignOut = "sign_out";
    SignOutEverywhere = "sign_out.everywhere";
    PasswordResetRequested = "password.reset_requested";
    PasswordReset = "password.reset";
    PasswordChanged = "password.changed";
    EmailChangeRequested = "email.change_requested";
    EmailChanged = "email.changed";
    ExternalIdentityLinked = "external_identity.linked";
    RoleGranted = "role.granted";
    RoleRevoked = "role.revoked";
    ApiTokenCreated = "api_token.created";
    ApiTokenRevoked = "api_token.revoked";
    JobRetried = "job.retried";
    MailRetried = "mail.retried";
    NominationMade = "nomination.made";
    InvitationAccepted = "candidacy.accepted";
    InvitationDeclined = "candidacy.invitation_declined";
    CandidacySubmitted = "candidacy.submitted";
    CandidacyWithdrawn = "candidacy.withdrawn";
    EndorsementGiven = "endorsement.given";
    EndorsementEdited = "endorsement.edited";
    EndorsementWithdrawn = "endorsement.withdrawn";
    ContributionsImported = "contributions.imported";
    ProfileUpdated = "profile.updated";
    PhotoChanged = "profile.photo_changed";
    ReviewStarted = "review.started";
    ReviewSubmitted = "review.submitted";
    ReviewRecused = "review.recused";
    ReviewRoundStarted = "review.round_started";
    DecisionFinalized = "decision.finalized";
    CandidacyLapsed = "candidacy.lapsed";
    CycleAnnounced = "cycle.announced";
    CycleCreated = "cycle.created";
    CycleChanged = "cycle.changed";
    AwardGiven = "award.given";
    AwardEnded = "award.ended";
    RenewalOpened = "renewal.opened";
    SettingsChanged = "program.settings_changed";
    CodeOfConductPublished = "program.code_of_conduct_published";
    CategoryCreated = "category.created";
    CategoryUpdated = "category.updated";
    CategoryDeactivated = "category.deactivated";
    CategoryReactivated = "category.reactivated";
    AreaAdded = "technology_area.added";
    AreaRenamed = "technology_area.renamed";
    AreaDeactivated = "technology_area.deactivated";
    AreaReactivated = "technology_area.reactivated";
    RubricPublished = "rubric.published";
    ExportDownloaded = "export.downloaded";
    BenefitCreated = "benefit.created";
    BenefitUpdated = "benefit.updated";
    BenefitOffersChanged = "benefit.offers_changed";
    BenefitCodesAdded = "benefit.codes_added";
    BenefitClaimed = "benefit.claimed";
    AnnouncementPublished = "announcement.published";
    NdaPublished = "nda.published";
    NdaAccepted = "nda.accepted";
    ProductAreaCreated = "product_area.created";
    ProductTeamMemberAdded = "product_area.member_added";
    ProductTeamMemberRemoved = "product_area.member_removed";
    FeedbackFiled = "feedback.filed";
    FeedbackStatusChanged = "feedback.status_changed";
    CommunityPostHidden = "community.post_hidden";
    AmaOpened = "ama.opened";
    AmaStatusChanged = "ama.status_changed";
    AmaQuestionStateChanged = "ama.question_state_changed";
    PeopleMerged = "person.merged";
    MergeUndone = "person.merge_undone";
    MergeDismissed = "person.merge_dismissed";
    TrustedSourcesChanged = "imports.trusted_sources_changed";
}

/// Records `action` about `subject_type` number `subject_id`, done by `actor` (an account, or
/// None for the command line or the person before signing in), with a free-form `detail`.
pub async fn record(
    tx: &mut Tx,
    actor: Option<i64>,
    action: AuditAction,
    (subject_type, subject_id): (&str, i64),
    detail: &str,
    now: Timestamp,
) -> Result<(), StoreError> {
    let entry = Entry {
        actor_account_id: actor,
        action: action.as_str(),
        subject_type,
        subject_id: Some(subject_id),
        detail,
        ip: None,
    };
    audit::record(tx, &entry, now).await
}

/// Records `action` about account `subject`, done by `actor` (None: the person themselves
/// before signing in, or the command line), with a free-form `detail`.
pub async fn record_account(
    tx: &mut Tx,
    actor: Option<i64>,
    action: AuditAction,
    subject: i64,
    detail: &str,
    now: Timestamp,
) -> Result<(), StoreError> {
    record(tx, actor, action, ("account", subject), detail, now).await
}

/// Records `action` that account `account_id` took about itself (signing in, changing its own
/// password, creating a token…).
pub async fn record_own(
    tx: &mut Tx,
    account_id: i64,
    action: AuditAction,
    detail: &str,
    now: Timestamp,
) -> Result<(), StoreError> {
    record_account(tx, Some(account_id), action, account_id, detail, now).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_audit_action_is_stored_under_its_own_name() {
        let mut seen = std::collections::BTreeSet::new();
        for action in AuditAction::ALL {
            assert!(seen.insert(action.as_str()), "{} twice", action.as_str());
        }
    }
}
