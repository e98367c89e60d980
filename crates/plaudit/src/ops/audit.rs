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
    let entry = Entry { detail, ..Entry::account(actor, action.as_str(), subject) };
    audit::record(tx, &entry, now).await
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
