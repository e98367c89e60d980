//! What an operation answers when it does not do what was asked: a stable code (the same on a
//! page, in the API and on the command line), the fields to fix with what is wrong with each,
//! and, for a failure on our side, the cause for the log.
//!
//! Codes are part of the API's contract: never rename one, add new ones. Each is listed in
//! `ARCHITECTURE.md` and has an `error-…` message in every catalogue (tests check both).

use std::collections::BTreeMap;

use plaudit_domain::parse::{DisplayNameProblem, EmailProblem, ParseError};
use plaudit_store::StoreError;

use crate::i18n::{Arg, Msg};

macro_rules! error_codes {
    ($( $(#[$doc:meta])* $name:ident = $code:literal, $status:literal; )*) => {
        /// Why an operation was refused or failed. The HTTP status is the adapters' answer
        /// for it; it never depends on a message's text.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ErrorCode {
            $( $(#[$doc])* $name, )*
        }

        impl ErrorCode {
            pub const ALL: &[ErrorCode] = &[$( ErrorCode::$name, )*];

            /// The stable snake_case code in API bodies.
            pub fn as_str(self) -> &'static str {
                match self { $( ErrorCode::$name => $code, )* }
            }

            /// The HTTP status pages and the API answer with.
            pub fn http_status(self) -> u16 {
                match self { $( ErrorCode::$name => $status, )* }
            }
        }
    };
}

error_codes! {
    /// A field of the input is missing or malformed; `fields` says which and why.
    ValidationFailed = "validation_failed", 422;
    /// The request body could not be read (not JSON, wrong shape).
    MalformedRequest = "malformed_request", 400;
    /// Nobody is signed in, and no API token was sent.
    Unauthenticated = "unauthenticated", 401;
    /// The API token is unknown or revoked.
    InvalidToken = "invalid_token", 401;
    /// A read-only API token was used to change something.
    InsufficientScope = "insufficient_scope", 403;
    /// The account lacks the role the action needs.
    Forbidden = "forbidden", 403;
    /// What the request names does not exist (or is not the asker's to see).
    NotFound = "not_found", 404;
    /// A form came without its CSRF token, or with a wrong one.
    CsrfRejected = "csrf_rejected", 403;
    /// The address exists, but not with this method; `Allow` lists the ones it takes.
    MethodNotAllowed = "method_not_allowed", 405;
    /// The body is larger than the endpoint accepts.
    PayloadTooLarge = "payload_too_large", 413;
    /// Too many anonymous requests from one address; `seconds` says when to try again.
    RateLimited = "rate_limited", 429;
    /// Too many wrong passwords in a row; `minutes` says when to try again.
    AccountLocked = "account_locked", 429;
    /// The e-mail address and password do not match an account.
    WrongCredentials = "wrong_credentials", 422;
    /// The account's address is not verified yet, so it cannot sign in.
    EmailNotVerified = "email_not_verified", 422;
    /// A change that needs the current password was sent with a wrong one.
    WrongCurrentPassword = "wrong_current_password", 422;
    /// A link sent by e-mail was used already or has expired.
    LinkExpired = "link_expired", 400;
    /// The address belongs to another account.
    EmailTaken = "email_taken", 409;
    /// An admin tried to take away their own admin role.
    OwnAdminRole = "own_admin_role", 422;
    /// The program has no settings yet.
    NotSetUp = "not_set_up", 503;
    /// The identity provider did not say the address is verified.
    OidcUnverifiedEmail = "oidc_unverified_email", 403;
    /// The identity provider's answer did not check out, or it did not sign the person in.
    OidcFailed = "oidc_failed", 400;
    /// An identity-provider sign-in was started elsewhere or used already.
    OidcExpired = "oidc_expired", 400;
    /// The account is disabled and cannot sign in.
    AccountDisabled = "account_disabled", 403;
    /// No cycle is taking nominations today.
    NominationsClosed = "nominations_closed", 409;
    /// The address is at one of the sponsor's domains: its employees are not eligible.
    SponsorEmployee = "sponsor_employee", 422;
    /// The person already holds this category's award for the year.
    AlreadyAwarded = "already_awarded", 409;
    /// The program allows one category per person, and the person is in another.
    OneCategoryOnly = "one_category_only", 409;
    /// The program does not take nominations of oneself.
    SelfNominationNotAllowed = "self_nomination_not_allowed", 403;
    /// This nominator has nominated this person for this category already.
    AlreadyNominated = "already_nominated", 409;
    /// The candidacy's state does not allow this (`from` and `event` say why).
    IllegalTransition = "illegal_transition", 409;
    /// The cycle's deadline for this has passed.
    DeadlinePassed = "deadline_passed", 409;
    /// The invitation was sent to someone else than the signed-in account.
    InvitationNotYours = "invitation_not_yours", 403;
    /// The nominee has an account: they sign in to answer the invitation.
    SignInToAnswer = "sign_in_to_answer", 409;
    /// Nobody endorses their own candidacy.
    SelfEndorsement = "self_endorsement", 422;
    /// This endorser has endorsed this candidacy already; they may edit it.
    AlreadyEndorsed = "already_endorsed", 409;
    /// Only current awardees endorse (unless the program opens it to every member).
    EndorsementNotAllowed = "endorsement_not_allowed", 403;
    /// The candidacy no longer takes endorsements: review has started, or it is not open.
    EndorsementsClosed = "endorsements_closed", 409;
    /// Fewer reviewers voted than the program's quorum; `votes` and `quorum` say how many.
    QuorumNotMet = "quorum_not_met", 409;
    /// The cycle was announced (or its announcement day has come): it no longer changes.
    CycleLocked = "cycle_locked", 409;
    /// Every code of the benefit's pool has been claimed; admins are adding more.
    PoolEmpty = "pool_empty", 409;
    /// What was asked is under NDA, and the asker has not accepted the NDA's current version.
    NdaRequired = "nda_required", 403;
    /// A newer NDA version was published since the page was opened: read it before accepting.
    NdaChanged = "nda_changed", 409;
    /// The organizer sent as many speaking requests as one may in a day.
    SpeakingRequestLimit = "speaking_request_limit", 429;
    AmaNotTakingQuestions = "ama_not_taking_questions", 409;
    /// Something failed on our side; the cause is in the log.
    Internal = "internal", 500;
}

impl ErrorCode {
    /// The id of the message that explains the code to a person.
    pub fn message_id(self) -> &'static str {
        match self {
            ErrorCode::ValidationFailed => "error-validation-failed",
            ErrorCode::MalformedRequest => "error-malformed-request",
            ErrorCode::Unauthenticated => "error-unauthenticated",
            ErrorCode::InvalidToken => "error-invalid-token",
            ErrorCode::InsufficientScope => "error-insufficient-scope",
            ErrorCode::Forbidden => "error-forbidden",
            ErrorCode::NotFound => "error-not-found",
            ErrorCode::CsrfRejected => "error-csrf-rejected",
            ErrorCode::MethodNotAllowed => "error-method-not-allowed",
            ErrorCode::PayloadTooLarge => "error-payload-too-large",
            ErrorCode::RateLimited => "error-rate-limited",
            ErrorCode::AccountLocked => "error-account-locked",
            ErrorCode::WrongCredentials => "error-wrong-credentials",
            ErrorCode::EmailNotVerified => "error-email-not-verified",
            ErrorCode::WrongCurrentPassword => "error-wrong-current-password",
            ErrorCode::LinkExpired => "error-link-expired",
            ErrorCode::EmailTaken => "error-email-taken",
            ErrorCode::OwnAdminRole => "error-own-admin-role",
            ErrorCode::NotSetUp => "error-not-set-up",
            ErrorCode::OidcUnverifiedEmail => "error-oidc-unverified-email",
            ErrorCode::OidcFailed => "error-oidc-failed",
            ErrorCode::OidcExpired => "error-oidc-expired",
            ErrorCode::AccountDisabled => "error-account-disabled",
            ErrorCode::NominationsClosed => "error-nominations-closed",
            ErrorCode::SponsorEmployee => "error-sponsor-employee",
            ErrorCode::AlreadyAwarded => "error-already-awarded",
            ErrorCode::OneCategoryOnly => "error-one-category-only",
            ErrorCode::SelfNominationNotAllowed => "error-self-nomination-not-allowed",
            ErrorCode::AlreadyNominated => "error-already-nominated",
            ErrorCode::IllegalTransition => "error-illegal-transition",
            ErrorCode::DeadlinePassed => "error-deadline-passed",
            ErrorCode::InvitationNotYours => "error-invitation-not-yours",
            ErrorCode::SignInToAnswer => "error-sign-in-to-answer",
            ErrorCode::SelfEndorsement => "error-self-endorsement",
            ErrorCode::AlreadyEndorsed => "error-already-endorsed",
            ErrorCode::EndorsementNotAllowed => "error-endorsement-not-allowed",
            ErrorCode::EndorsementsClosed => "error-endorsements-closed",
            ErrorCode::QuorumNotMet => "error-quorum-not-met",
            ErrorCode::CycleLocked => "error-cycle-locked",
            ErrorCode::PoolEmpty => "error-pool-empty",
            ErrorCode::NdaRequired => "error-nda-required",
            ErrorCode::NdaChanged => "error-nda-changed",
            ErrorCode::SpeakingRequestLimit => "error-speaking-request-limit",
            ErrorCode::AmaNotTakingQuestions => "error-ama-not-taking-questions",
            ErrorCode::Internal => "error-internal",
        }
    }
}

/// An operation's refusal or failure.
#[derive(Debug, Clone, PartialEq)]
pub struct OpError {
    pub code: ErrorCode,
    /// Variables of the code's message (`seconds`, `minutes`).
    pub args: Vec<(&'static str, Arg)>,
    /// What is wrong with each field, by the field's name in the form and the API.
    pub fields: BTreeMap<&'static str, Msg>,
    /// For `Internal`: the cause, for the log only.
    pub cause: Option<String>,
}

impl OpError {
    pub fn new(code: ErrorCode) -> OpError {
        OpError { code, args: Vec::new(), fields: BTreeMap::new(), cause: None }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> OpError {
        self.args.push((name, value.into()));
        self
    }

    /// A failure on our side; `cause` goes to the log, never to the person.
    pub fn internal(cause: impl std::fmt::Display) -> OpError {
        OpError { cause: Some(cause.to_string()), ..OpError::new(ErrorCode::Internal) }
    }

    /// The message that explains the error to a person.
    pub fn message(&self) -> Msg {
        Msg { id: self.code.message_id(), args: self.args.clone() }
    }
}

impl std::fmt::Display for OpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.code.as_str())?;
        if !self.fields.is_empty() {
            let names: Vec<&str> = self.fields.keys().copied().collect();
            write!(f, " ({})", names.join(", "))?;
        }
        if let Some(cause) = &self.cause {
            write!(f, ": {cause}")?;
        }
        Ok(())
    }
}

impl std::error::Error for OpError {}

impl From<StoreError> for OpError {
    fn from(e: StoreError) -> OpError {
        OpError::internal(e)
    }
}

/// Collects field problems while an input is checked, so the person sees all of them at once.
#[derive(Debug, Default)]
pub struct Fields(BTreeMap<&'static str, Msg>);

impl Fields {
    pub fn new() -> Fields {
        Fields::default()
    }

    pub fn add(&mut self, field: &'static str, problem: Msg) {
        self.0.entry(field).or_insert(problem);
    }

    /// Keeps `Ok` values and records the problem of an `Err` under `field`.
    pub fn check<T>(&mut self, field: &'static str, parsed: Result<T, Msg>) -> Option<T> {
        match parsed {
            Ok(value) => Some(value),
            Err(problem) => {
                self.add(field, problem);
                None
            }
        }
    }

    /// `Ok` when no field had a problem, else a `validation_failed` error with them all.
    pub fn finish(self) -> Result<(), OpError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(OpError { fields: self.0, ..OpError::new(ErrorCode::ValidationFailed) })
        }
    }
}

/// A validation error about one field.
pub fn invalid(field: &'static str, problem: Msg) -> OpError {
    let mut fields = Fields::new();
    fields.add(field, problem);
    OpError { fields: fields.0, ..OpError::new(ErrorCode::ValidationFailed) }
}

/// What is wrong with a typed value, as a message for the field it was typed in.
pub fn parse_problem(error: &ParseError) -> Msg {
    match error {
        ParseError::Email(problem) => match problem {
            EmailProblem::Empty => Msg::new("field-email-empty"),
            EmailProblem::MissingAt => Msg::new("field-email-missing-at"),
            EmailProblem::SeveralAts => Msg::new("field-email-several-ats"),
            EmailProblem::EmptyLocalPart => Msg::new("field-email-empty-local-part"),
            EmailProblem::EmptyDomain => Msg::new("field-email-empty-domain"),
            EmailProblem::DomainWithoutDot => Msg::new("field-email-domain-without-dot"),
            EmailProblem::EmptyDomainLabel => Msg::new("field-email-empty-domain-label"),
            EmailProblem::InvalidCharacter(c) => {
                Msg::new("field-email-invalid-character").arg("character", c.to_string())
            }
            EmailProblem::TooLong => {
                Msg::new("field-email-too-long").arg("max", plaudit_domain::EmailAddress::MAX_LEN)
            }
        },
        ParseError::DisplayName(problem) => match problem {
            DisplayNameProblem::Empty => Msg::new("field-name-required"),
            DisplayNameProblem::TooLong => {
                Msg::new("field-name-too-long").arg("max", plaudit_domain::DisplayName::MAX_CHARS)
            }
            DisplayNameProblem::ControlCharacter(_) => Msg::new("field-name-control-character"),
        },
        // The other values are not typed into account forms; a generic message will do until
        // a form asks for one.
        _ => Msg::new("field-invalid"),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn every_error_code_is_unique_snake_case_and_has_its_own_message() {
        let mut codes = std::collections::BTreeSet::new();
        let mut ids = std::collections::BTreeSet::new();
        for code in ErrorCode::ALL {
            let s = code.as_str();
            assert!(s.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{s}");
            assert!(codes.insert(s), "{s} twice");
            assert!(ids.insert(code.message_id()), "{} twice", code.message_id());
            assert_eq!(code.message_id(), format!("error-{}", s.replace('_', "-")));
            assert!((400..600).contains(&code.http_status()), "{s}");
        }
    }

    /// ARCHITECTURE.md lists every code with its status, so API users can rely on the table.
    #[test]
    fn every_error_code_is_documented_with_its_status() {
        let doc_path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../ARCHITECTURE.md");
        let doc = std::fs::read_to_string(doc_path).unwrap_or_default();
        let missing: Vec<&str> = ErrorCode::ALL
            .iter()
            .filter(|c| !doc.contains(&format!("| `{}` | {} |", c.as_str(), c.http_status())))
            .map(|c| c.as_str())
            .collect();
        assert!(missing.is_empty(), "not documented in ARCHITECTURE.md: {missing:?}");
    }

    #[test]
    fn fields_collect_every_problem_before_failing() {
        let mut fields = Fields::new();
        assert_eq!(fields.check("a", Ok::<_, Msg>(1)), Some(1));
        fields.check::<()>("b", Err(Msg::new("field-name-required")));
        fields.add("c", Msg::new("field-invalid"));
        let error = fields.finish().unwrap_err();
        assert_eq!(error.code, ErrorCode::ValidationFailed);
        assert_eq!(error.fields.keys().copied().collect::<Vec<_>>(), ["b", "c"]);
    }
}
