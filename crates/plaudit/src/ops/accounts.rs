//! Accounts: joining, verifying an address, signing in and out, credentials, external
//! identities, and the roles an account holds.

use std::collections::BTreeSet;

use jiff::{SignedDuration, Timestamp};
use plaudit_domain::kinds::{DerivedRole, Role};
use plaudit_domain::parse::{DisplayName, EmailAddress, Slug};
use plaudit_store::accounts::{self, Account, NewMember};
use plaudit_store::{StoreError, Tx, sessions};

use super::audit::{AuditAction, record_account, record_own};
use super::error::{ErrorCode, Fields, OpError, invalid, parse_problem};
use super::{Ctx, enqueue_mail};
use crate::crypto::password;
use crate::crypto::tokens::{hash_token, random_token};
use crate::i18n::{Lang, Msg};
use crate::mail::Notice;

/// Failed sign-ins in a row before an account is locked, and for how long.
pub const LOCK_AFTER: i64 = 5;
const LOCK_FOR: SignedDuration = SignedDuration::from_mins(15);
const VERIFY_LINK_LIFETIME: SignedDuration = SignedDuration::from_hours(48);
const RESET_LINK_LIFETIME: SignedDuration = SignedDuration::from_hours(1);
const CHANGE_LINK_LIFETIME: SignedDuration = SignedDuration::from_hours(24);
const VERIFY_PURPOSE: &str = "verify_email";
const RESET_PURPOSE: &str = "reset_password";
const CHANGE_EMAIL_PURPOSE: &str = "change_email";

/// A hash to check a password against when the address has no account, so that a wrong
/// address takes as long to refuse as a wrong password.
const DECOY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$\
                          W5+8HhhWKS8Nz2Ruf3eCS5ytqbY5S8t5NIQQnL1tRsU";

// Roles ----------------------------------------------------------------------------------------

/// The roles one account holds: candidate and awardee follow from the data (an open
/// candidacy, a current award), the others are granted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RoleSet {
    pub candidate: bool,
    pub awardee: bool,
    pub reviewer: bool,
    pub product_team: bool,
    pub admin: bool,
}

impl RoleSet {
    /// Every role held, member first, as stable codes (`member`, `candidate`, `awardee`,
    /// `reviewer`, `product_team`, `admin`): what the API lists and pages name with the
    /// `role-…` messages.
    pub fn codes(self) -> Vec<&'static str> {
        [
            (true, Role::Member.as_str()),
            (self.candidate, DerivedRole::Candidate.as_str()),
            (self.awardee, DerivedRole::Awardee.as_str()),
            (self.reviewer, Role::Reviewer.as_str()),
            (self.product_team, Role::ProductTeam.as_str()),
            (self.admin, Role::Admin.as_str()),
        ]
        .into_iter()
        .filter_map(|(held, code)| held.then_some(code))
        .collect()
    }
}

/// A signed-in account as every request sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountView {
    pub account_id: i64,
    pub person_id: i64,
    pub display_name: String,
    pub email: String,
    pub roles: RoleSet,
    /// The language the person chose; None: as their browser asks.
    pub lang: Option<Lang>,
}

/// The account with its roles on the program's today; None when it does not exist or is
/// disabled.
pub async fn current(ctx: &Ctx, account_id: i64) -> Result<Option<AccountView>, OpError> {
    let Some(account) = accounts::by_id(&ctx.db, account_id).await? else { return Ok(None) };
    if account.disabled_at.is_some() {
        return Ok(None);
    }
    let today = ctx.today().await?.to_string();
    let (granted, candidate, awardee) =
        accounts::roles(&ctx.db, account_id, account.person_id, &today).await?;
    let has = |role: Role| granted.iter().any(|g| g == role.as_str());
    Ok(Some(AccountView {
        account_id,
        person_id: account.person_id,
        display_name: account.display_name,
        email: account.email,
        roles: RoleSet {
            candidate,
            awardee,
            reviewer: has(Role::Reviewer),
            product_team: has(Role::ProductTeam),
            admin: has(Role::Admin),
        },
        lang: account.language.as_deref().and_then(Lang::parse),
    }))
}

/// Roles an admin grants; candidate and awardee follow from the data.
pub const GRANTABLE: &[Role] = &[Role::Reviewer, Role::ProductTeam, Role::Admin];

/// Who asked for a change: an account, or the command line run by whoever has the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Account(i64),
    CommandLine,
}

impl Actor {
    fn account(self) -> Option<i64> {
        match self {
            Actor::Account(id) => Some(id),
            Actor::CommandLine => None,
        }
    }
}

/// A role given or taken away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoleChange {
    pub role: Role,
    pub granted: bool,
}

/// Grants or revokes one role with its audit entry; true when it changed anything. The one
/// place a role changes hands, whatever asked.
pub(crate) async fn change_role(
    tx: &mut Tx,
    actor: Actor,
    account_id: i64,
    role: Role,
    grant: bool,
    now: Timestamp,
) -> Result<bool, OpError> {
    if role == Role::Member {
        // Every account is a member; there is nothing to grant.
        return Ok(false);
    }
    let changed = if grant {
        accounts::grant_role(tx, account_id, role.as_str(), actor.account(), now).await?
    } else {
        accounts::revoke_role(tx, account_id, role.as_str()).await?
    };
    if changed {
        let action = if grant { AuditAction::RoleGranted } else { AuditAction::RoleRevoked };
        let by = if actor == Actor::CommandLine { " by=command-line" } else { "" };
        let detail = format!("role={}{by}", role.as_str());
        record_account(tx, actor.account(), action, account_id, &detail, now).await?;
    }
    Ok(changed)
}

/// Sets an account's granted roles to `wanted` and what a reviewer reviews (category, and a
/// region or country, empty for everywhere), as an admin's form does. An admin cannot take
/// away their own admin role.
pub async fn set_roles(
    ctx: &Ctx,
    actor: Actor,
    account_id: i64,
    wanted: &BTreeSet<Role>,
    scopes: &[(i64, String)],
) -> Result<Vec<RoleChange>, OpError> {
    accounts::by_id(&ctx.db, account_id).await?.ok_or(OpError::new(ErrorCode::NotFound))?;
    if actor == Actor::Account(account_id) && !wanted.contains(&Role::Admin) {
        return Err(OpError::new(ErrorCode::OwnAdminRole));
    }
    let now = ctx.now();
    let mut changes = Vec::new();
    let mut tx = ctx.db.begin_write().await?;
    for &role in GRANTABLE {
        let grant = wanted.contains(&role);
        if change_role(&mut tx, actor, account_id, role, grant, now).await? {
            changes.push(RoleChange { role, granted: grant });
        }
    }
    let scoped = if wanted.contains(&Role::Reviewer) { scopes } else { &[] };
    accounts::set_reviewer_scopes(&mut tx, account_id, scoped).await?;
    tx.commit().await?;
    Ok(changes)
}

/// Grants or revokes one role of the account with `email` (the command line's `set-role`).
pub async fn set_role(
    ctx: &Ctx,
    actor: Actor,
    email: &EmailAddress,
    role: Role,
    grant: bool,
) -> Result<bool, OpError> {
    let account = accounts::by_email(&ctx.db, &email.normalized())
        .await?
        .ok_or(OpError::new(ErrorCode::NotFound))?;
    let mut tx = ctx.db.begin_write().await?;
    let changed = change_role(&mut tx, actor, account.id, role, grant, ctx.now()).await?;
    tx.commit().await?;
    Ok(changed)
}

// Creating accounts ------------------------------------------------------------------------------

/// How a new account proves its address.
enum Proof<'a> {
    /// Not yet: a link is mailed.
    Unverified { password_hash: &'a str },
    /// Already: an identity provider vouched for it, or an operator typed it.
    Verified { password_hash: Option<&'a str> },
}

/// Creates the account for `email`: for the person the address already belongs to (a person
/// known from the program's data, a secondary address, a nominee), so their history is
/// theirs; otherwise for a new person named `name`. Fails with a unique violation when the
/// address or the person has an account already.
async fn create_account(
    ctx: &Ctx,
    tx: &mut Tx,
    email: &EmailAddress,
    name: &DisplayName,
    proof: Proof<'_>,
    now: Timestamp,
) -> Result<i64, StoreError> {
    let normalized = email.normalized();
    let password_hash = match proof {
        Proof::Unverified { password_hash } => Some(password_hash),
        Proof::Verified { password_hash } => password_hash,
    };
    let account_id = match accounts::person_by_email(&ctx.db, &normalized).await? {
        Some(person_id) => {
            accounts::create_account_for_person(
                tx,
                person_id,
                email.as_str(),
                &normalized,
                password_hash,
                now,
            )
            .await?
        }
        None => {
            let slug = Slug::from_title(name.as_str());
            let member = NewMember {
                display_name: name.as_str(),
                email: email.as_str(),
                email_normalized: &normalized,
                password_hash,
                slug: slug.as_str(),
            };
            accounts::create_member(tx, &member, now).await?
        }
    };
    if matches!(proof, Proof::Verified { .. }) {
        accounts::mark_email_verified(tx, account_id, now).await?;
    }
    Ok(account_id)
}

fn expires(now: Timestamp, lifetime: SignedDuration) -> Timestamp {
    now.saturating_add(lifetime).unwrap_or(now)
}

fn parse_email(fields: &mut Fields, typed: &str) -> Option<EmailAddress> {
    fields.check("email", EmailAddress::parse(typed).map_err(|e| parse_problem(&e)))
}

fn check_new_password(fields: &mut Fields, field: &'static str, typed: &str) {
    if let Some(problem) = password::problem(typed) {
        fields.add(field, problem);
    }
}

pub(crate) async fn hash(password: String) -> Result<String, OpError> {
    password::hash(password).await.ok_or_else(|| OpError::internal("password hashing failed"))
}

/// Creates the account of a person whose address a link already proved (a nominee accepting
/// their invitation), with a password of their choosing.
pub(crate) async fn create_proven_account(
    ctx: &Ctx,
    tx: &mut Tx,
    email: &EmailAddress,
    name: &DisplayName,
    password_hash: &str,
    now: Timestamp,
) -> Result<i64, StoreError> {
    let proof = Proof::Verified { password_hash: Some(password_hash) };
    create_account(ctx, tx, email, name, proof, now).await
}

/// What a visitor gives to join.
#[derive(Debug, Clone, Default)]
pub struct JoinInput {
    pub name: String,
    pub email: String,
    pub password: String,
    /// The language the visitor reads, for the mail.
    pub lang: Lang,
}

/// Joins: the visitor gets the same answer whatever the address, so the form cannot tell
/// strangers who is a member. A new address gets an account waiting for its verification
/// link; the owner of an address with an account gets a mail saying someone tried.
pub async fn join(ctx: &Ctx, input: JoinInput) -> Result<(), OpError> {
    let mut fields = Fields::new();
    let name = fields.check("name", DisplayName::parse(&input.name).map_err(|e| parse_problem(&e)));
    let email = parse_email(&mut fields, &input.email);
    check_new_password(&mut fields, "password", &input.password);
    fields.finish()?;
    let (Some(name), Some(email)) = (name, email) else {
        return Err(OpError::internal("checked fields went missing"));
    };
    let password_hash = hash(input.password).await?;
    let now = ctx.now();
    let existing = accounts::by_email(&ctx.db, &email.normalized()).await?;
    let mut tx = ctx.db.begin_write().await?;
    match existing {
        Some(account) => {
            tell_owner_of_join_attempt(ctx, &mut tx, &account, input.lang, now).await?
        }
        None => {
            let proof = Proof::Unverified { password_hash: &password_hash };
            let account_id = match create_account(ctx, &mut tx, &email, &name, proof, now).await {
                Ok(id) => id,
                // Another join with this address won the race; answer as for any address.
                Err(e) if e.is_unique_violation() => return Ok(()),
                Err(e) => return Err(e.into()),
            };
            let token = random_token();
            accounts::create_email_token(
                &mut tx,
                account_id,
                VERIFY_PURPOSE,
                &hash_token(&token),
                None,
                now,
                expires(now, VERIFY_LINK_LIFETIME),
            )
            .await?;
            let link = ctx.link(&format!("/verify-email?token={token}"));
            let notice = Notice::new("verify_email", Msg::new("mail-verify-subject"))
                .paragraph(Msg::new("mail-verify-body"))
                .paragraph(Msg::new("mail-verify-not-you"))
                .link(Msg::new("mail-verify-button"), link);
            enqueue_mail(ctx, &mut tx, &notice, input.lang, email.as_str(), now).await?;
            record_own(&mut tx, account_id, AuditAction::AccountCreated, "", now).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

async fn tell_owner_of_join_attempt(
    ctx: &Ctx,
    tx: &mut Tx,
    account: &Account,
    lang: Lang,
    now: Timestamp,
) -> Result<(), OpError> {
    let notice = Notice::new("already_member", Msg::new("mail-already-member-subject"))
        .paragraph(Msg::new("mail-already-member-body"))
        .paragraph(Msg::new("mail-already-member-forgot"))
        .paragraph(Msg::new("mail-already-member-not-you"))
        .link(Msg::new("mail-already-member-button"), ctx.link("/sign-in"));
    enqueue_mail(ctx, tx, &notice, lang, &account.email, now).await?;
    record_account(tx, None, AuditAction::SignUpForExistingAddress, account.id, "", now).await?;
    Ok(())
}

/// Opens a verification link: the address is proven, and the account may sign in.
pub async fn verify_email(ctx: &Ctx, token: &str) -> Result<i64, OpError> {
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    let used = accounts::use_email_token(&mut tx, &hash_token(token), VERIFY_PURPOSE, now).await?;
    let Some((account_id, _)) = used else { return Err(OpError::new(ErrorCode::LinkExpired)) };
    accounts::mark_email_verified(&mut tx, account_id, now).await?;
    record_own(&mut tx, account_id, AuditAction::EmailVerified, "", now).await?;
    tx.commit().await?;
    Ok(account_id)
}

// Signing in ---------------------------------------------------------------------------------------

/// Checks an address and password. Wrong ones count towards the lockout; a locked account
/// says for how long (`minutes`).
pub async fn check_password(ctx: &Ctx, email: &str, typed: String) -> Result<i64, OpError> {
    let now = ctx.now();
    let account = match EmailAddress::parse(email) {
        Ok(email) => accounts::by_email(&ctx.db, &email.normalized()).await?,
        Err(_) => None,
    };
    let Some(account) = account else {
        let _ = password::verify(typed, DECOY_HASH.to_owned()).await;
        return Err(OpError::new(ErrorCode::WrongCredentials));
    };
    if let Some(until) = account.locked_until.filter(|&until| until > now.as_microsecond()) {
        return Err(locked(until, now));
    }
    let hash = account.password_hash.clone().unwrap_or_else(|| DECOY_HASH.to_owned());
    if !password::verify(typed, hash).await {
        let lock_until = expires(now, LOCK_FOR);
        let (failures, lock) =
            accounts::record_failed_sign_in(&ctx.db, account.id, LOCK_AFTER, lock_until, now)
                .await?;
        let locked_now = lock.filter(|_| failures >= LOCK_AFTER);
        let action = if locked_now.is_some() {
            AuditAction::SignInLocked
        } else {
            AuditAction::SignInFailed
        };
        let mut tx = ctx.db.begin_write().await?;
        let detail = format!("failures={failures}");
        record_account(&mut tx, None, action, account.id, &detail, now).await?;
        tx.commit().await?;
        return Err(match locked_now {
            Some(until) => locked(until, now),
            None => OpError::new(ErrorCode::WrongCredentials),
        });
    }
    if account.disabled_at.is_some() {
        return Err(OpError::new(ErrorCode::AccountDisabled));
    }
    if account.email_verified_at.is_none() {
        return Err(OpError::new(ErrorCode::EmailNotVerified));
    }
    Ok(account.id)
}

fn locked(until_micros: i64, now: Timestamp) -> OpError {
    let minutes = ((until_micros - now.as_microsecond()) / 60_000_000).max(1);
    OpError::new(ErrorCode::AccountLocked).arg("minutes", minutes).arg("failures", LOCK_AFTER)
}

/// Records a completed sign-in, however the person proved who they are (`method`: password,
/// oidc): the failure count resets and the audit log has it.
pub async fn signed_in(ctx: &Ctx, account_id: i64, method: &str) -> Result<(), OpError> {
    let now = ctx.now();
    accounts::record_sign_in(&ctx.db, account_id, now).await?;
    let mut tx = ctx.db.begin_write().await?;
    record_own(&mut tx, account_id, AuditAction::SignIn, method, now).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn signed_out(ctx: &Ctx, account_id: i64) -> Result<(), OpError> {
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    record_own(&mut tx, account_id, AuditAction::SignOut, "", now).await?;
    tx.commit().await?;
    Ok(())
}

/// Ends every session of the account; returns how many there were.
pub async fn sign_out_everywhere(ctx: &Ctx, account_id: i64) -> Result<u64, OpError> {
    let ended = sessions::delete_for_account(&ctx.db, account_id).await?;
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    let detail = format!("sessions={ended}");
    record_own(&mut tx, account_id, AuditAction::SignOutEverywhere, &detail, now).await?;
    tx.commit().await?;
    Ok(ended)
}

/// What an identity provider says about the person it signed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalIdentity {
    pub subject: String,
    pub email: Option<String>,
    /// Only `Some(true)` means the provider checked the address.
    pub email_verified: Option<bool>,
    pub name: Option<String>,
}

/// The account an identity provider's identity signs in as. An identity already linked signs
/// in its account. Otherwise only an address the provider says it verified may join the
/// identity to an account (the address's account, the person the address belongs to, or a
/// new person): anyone can claim an unverified address at some provider, so linking on it
/// would hand them the account.
pub async fn sign_in_external(
    ctx: &Ctx,
    issuer: &str,
    identity: &ExternalIdentity,
) -> Result<i64, OpError> {
    use plaudit_store::external_identities;
    let account_id = match external_identities::find(&ctx.db, issuer, &identity.subject).await? {
        Some(account_id) => account_id,
        None => {
            let email = identity
                .email
                .as_deref()
                .filter(|_| identity.email_verified == Some(true))
                .and_then(|e| EmailAddress::parse(e).ok())
                .ok_or(OpError::new(ErrorCode::OidcUnverifiedEmail))?;
            link_external(ctx, issuer, identity, &email).await?
        }
    };
    let account =
        accounts::by_id(&ctx.db, account_id).await?.ok_or(OpError::new(ErrorCode::NotFound))?;
    if account.disabled_at.is_some() {
        return Err(OpError::new(ErrorCode::AccountDisabled));
    }
    signed_in(ctx, account_id, "oidc").await?;
    Ok(account_id)
}

async fn link_external(
    ctx: &Ctx,
    issuer: &str,
    identity: &ExternalIdentity,
    email: &EmailAddress,
) -> Result<i64, OpError> {
    let now = ctx.now();
    let existing = accounts::by_email(&ctx.db, &email.normalized()).await?;
    let mut tx = ctx.db.begin_write().await?;
    let account_id = match existing {
        // The existing account's own verification state is left alone: if someone joined with
        // this address and never verified it, marking it verified would let their password in.
        Some(account) => account.id,
        None => {
            let name =
                DisplayName::lenient(identity.name.as_deref().unwrap_or(""), email.local_part());
            let proof = Proof::Verified { password_hash: None };
            let account_id = create_account(ctx, &mut tx, email, &name, proof, now).await?;
            record_own(&mut tx, account_id, AuditAction::AccountCreated, "oidc", now).await?;
            account_id
        }
    };
    plaudit_store::external_identities::link(&mut tx, account_id, issuer, &identity.subject, now)
        .await?;
    record_own(&mut tx, account_id, AuditAction::ExternalIdentityLinked, issuer, now).await?;
    tx.commit().await?;
    Ok(account_id)
}

// Credentials --------------------------------------------------------------------------------------

/// Mails a single-use reset link when the address has an account; answers the same either
/// way, so the form cannot be used to find out who is a member.
pub async fn request_password_reset(ctx: &Ctx, email: &str, lang: Lang) -> Result<(), OpError> {
    let email = EmailAddress::parse(email).map_err(|e| invalid("email", parse_problem(&e)))?;
    let Some(account) = accounts::by_email(&ctx.db, &email.normalized()).await? else {
        return Ok(());
    };
    let now = ctx.now();
    let token = random_token();
    let notice = Notice::new("reset_password", Msg::new("mail-reset-subject"))
        .paragraph(Msg::new("mail-reset-body"))
        .paragraph(Msg::new("mail-reset-not-you"))
        .link(Msg::new("mail-reset-button"), ctx.link(&format!("/reset-password?token={token}")));
    let mut tx = ctx.db.begin_write().await?;
    let hash = hash_token(&token);
    let until = expires(now, RESET_LINK_LIFETIME);
    accounts::create_email_token(&mut tx, account.id, RESET_PURPOSE, &hash, None, now, until)
        .await?;
    enqueue_mail(ctx, &mut tx, &notice, lang, &account.email, now).await?;
    record_account(&mut tx, None, AuditAction::PasswordResetRequested, account.id, "", now).await?;
    tx.commit().await?;
    Ok(())
}

/// Whether a reset link still works, without spending it: mail scanners open links.
pub async fn reset_link_works(ctx: &Ctx, token: &str) -> Result<bool, OpError> {
    let hash = hash_token(token);
    Ok(accounts::peek_email_token(&ctx.db, &hash, RESET_PURPOSE, ctx.now()).await?.is_some())
}

/// Sets a new password through a reset link, ends every session of the account, and counts
/// the address as verified (the link reached it).
pub async fn reset_password(ctx: &Ctx, token: &str, new_password: String) -> Result<i64, OpError> {
    if let Some(problem) = password::problem(&new_password) {
        return Err(invalid("password", problem));
    }
    let hash = hash(new_password).await?;
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    let used = accounts::use_email_token(&mut tx, &hash_token(token), RESET_PURPOSE, now).await?;
    let Some((account_id, _)) = used else { return Err(OpError::new(ErrorCode::LinkExpired)) };
    accounts::set_password(&mut tx, account_id, &hash, now).await?;
    accounts::mark_email_verified(&mut tx, account_id, now).await?;
    record_own(&mut tx, account_id, AuditAction::PasswordReset, "", now).await?;
    tx.commit().await?;
    sessions::delete_for_account(&ctx.db, account_id).await?;
    Ok(account_id)
}

async fn check_current_password(ctx: &Ctx, account_id: i64, typed: String) -> Result<(), OpError> {
    let account =
        accounts::by_id(&ctx.db, account_id).await?.ok_or(OpError::new(ErrorCode::NotFound))?;
    let right = match account.password_hash {
        Some(hash) => password::verify(typed, hash).await,
        None => false,
    };
    if right {
        Ok(())
    } else {
        let mut error = OpError::new(ErrorCode::WrongCurrentPassword);
        error.fields.insert("current", Msg::new("field-current-password-wrong"));
        Err(error)
    }
}

/// Changes the password and ends every session of the account (the caller starts a fresh one
/// for the browser that asked).
pub async fn change_password(
    ctx: &Ctx,
    account_id: i64,
    current: String,
    new_password: String,
) -> Result<(), OpError> {
    check_current_password(ctx, account_id, current).await?;
    if let Some(problem) = password::problem(&new_password) {
        return Err(invalid("password", problem));
    }
    let hash = hash(new_password).await?;
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    accounts::set_password(&mut tx, account_id, &hash, now).await?;
    record_own(&mut tx, account_id, AuditAction::PasswordChanged, "", now).await?;
    tx.commit().await?;
    sessions::delete_for_account(&ctx.db, account_id).await?;
    Ok(())
}

/// Mails a confirmation link to the new address; nothing changes until it is opened. A taken
/// address gets a mail saying so, and the answer is the same either way.
pub async fn request_email_change(
    ctx: &Ctx,
    account_id: i64,
    current: String,
    new_email: &str,
    lang: Lang,
) -> Result<(), OpError> {
    check_current_password(ctx, account_id, current).await?;
    let email = EmailAddress::parse(new_email).map_err(|e| invalid("email", parse_problem(&e)))?;
    let now = ctx.now();
    let taken = accounts::by_email(&ctx.db, &email.normalized()).await?.is_some();
    let mut tx = ctx.db.begin_write().await?;
    let notice = if taken {
        Notice::new("change_email_taken", Msg::new("mail-change-email-taken-subject"))
            .paragraph(Msg::new("mail-change-email-taken-body"))
    } else {
        let token = random_token();
        accounts::create_email_token(
            &mut tx,
            account_id,
            CHANGE_EMAIL_PURPOSE,
            &hash_token(&token),
            Some(email.as_str()),
            now,
            expires(now, CHANGE_LINK_LIFETIME),
        )
        .await?;
        Notice::new("change_email", Msg::new("mail-change-email-subject"))
            .paragraph(Msg::new("mail-change-email-body"))
            .link(
                Msg::new("mail-change-email-button"),
                ctx.link(&format!("/confirm-email?token={token}")),
            )
    };
    enqueue_mail(ctx, &mut tx, &notice, lang, email.as_str(), now).await?;
    record_own(&mut tx, account_id, AuditAction::EmailChangeRequested, "", now).await?;
    tx.commit().await?;
    Ok(())
}

/// Opens the link from the new address: the change is made, and the old address is told.
pub async fn confirm_email_change(ctx: &Ctx, token: &str, lang: Lang) -> Result<i64, OpError> {
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    let used =
        accounts::use_email_token(&mut tx, &hash_token(token), CHANGE_EMAIL_PURPOSE, now).await?;
    let Some((account_id, Some(new_email))) = used else {
        return Err(OpError::new(ErrorCode::LinkExpired));
    };
    let account =
        accounts::by_id(&ctx.db, account_id).await?.ok_or(OpError::new(ErrorCode::NotFound))?;
    let email = EmailAddress::parse(&new_email).map_err(OpError::internal)?;
    let held_by =
        match accounts::change_email(&mut tx, account_id, email.as_str(), &email.normalized(), now)
            .await
        {
            Ok(held_by) => held_by,
            // Someone took the address between the request and the confirmation.
            Err(e) if e.is_unique_violation() => return Err(OpError::new(ErrorCode::EmailTaken)),
            Err(e) => return Err(e.into()),
        };
    let notice = Notice::new("email_changed", Msg::new("mail-email-changed-subject"))
        .paragraph(Msg::new("mail-email-changed-body").arg("email", email.as_str()));
    enqueue_mail(ctx, &mut tx, &notice, lang, &account.email, now).await?;
    record_own(&mut tx, account_id, AuditAction::EmailChanged, "", now).await?;
    // The address is proven theirs, and someone else has it (a nominee without an account, a
    // person an earlier merge kept apart): an admin decides whether they are one.
    if let Some(other) = held_by.filter(|&other| other != account.person_id) {
        let at = plaudit_store::timestamp::to_micros(now);
        let reason = super::merges::SAME_EMAIL;
        plaudit_store::imports::suggest_merge(&mut tx, account.person_id, other, reason, at)
            .await?;
    }
    super::awards::give_up_if_sponsor(ctx, &mut tx, account.person_id, None, Some(&email), now)
        .await?;
    tx.commit().await?;
    Ok(account_id)
}

/// Changes the name the account's person is shown by.
pub async fn rename(
    ctx: &Ctx,
    account_id: i64,
    name: &str,
    via: &str,
) -> Result<DisplayName, OpError> {
    let name = DisplayName::parse(name).map_err(|e| invalid("name", parse_problem(&e)))?;
    let now = ctx.now();
    // The person the account acts for: after a merge, the one kept.
    let account =
        accounts::by_id(&ctx.db, account_id).await?.ok_or(OpError::new(ErrorCode::NotFound))?;
    let mut tx = ctx.db.begin_write().await?;
    accounts::rename(&mut tx, account.person_id, name.as_str(), now).await?;
    record_own(&mut tx, account_id, AuditAction::Renamed, via, now).await?;
    tx.commit().await?;
    Ok(name)
}

/// Saves the language the account reads (`en`, `de`), or clears the choice when `code` is
/// empty. Returns the language chosen.
pub async fn set_language(ctx: &Ctx, account_id: i64, code: &str) -> Result<Option<Lang>, OpError> {
    let lang = match code.trim() {
        "" => None,
        code => Some(
            Lang::parse(code)
                .ok_or_else(|| invalid("language", Msg::new("field-language-unknown")))?,
        ),
    };
    let mut tx = ctx.db.begin_write().await?;
    accounts::set_language(&mut tx, account_id, lang.map(Lang::code), ctx.now()).await?;
    tx.commit().await?;
    Ok(lang)
}

// The command line ---------------------------------------------------------------------------------

/// An account made by an operator (`plaudit user add`).
#[derive(Debug, Clone)]
pub struct AddUserInput {
    pub email: String,
    pub name: Option<String>,
    pub roles: Vec<Role>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddedUser {
    pub account_id: i64,
    pub email: EmailAddress,
    /// Set when the account was created: shown once, to be changed at first sign-in.
    pub one_time_password: Option<String>,
}

/// Creates an account with a verified address (the operator vouches for it) and a one-time
/// password, for the person the address belongs to if there is one; or grants the roles to
/// the account the address already has.
pub async fn add_user(ctx: &Ctx, input: AddUserInput) -> Result<AddedUser, OpError> {
    let email =
        EmailAddress::parse(&input.email).map_err(|e| invalid("email", parse_problem(&e)))?;
    let name = match input.name.as_deref() {
        Some(typed) => DisplayName::parse(typed).map_err(|e| invalid("name", parse_problem(&e)))?,
        None => DisplayName::lenient(email.local_part(), "member"),
    };
    let now = ctx.now();
    let existing = accounts::by_email(&ctx.db, &email.normalized()).await?;
    let mut tx = ctx.db.begin_write().await?;
    let (account_id, one_time_password) = match existing {
        Some(account) => (account.id, None),
        None => {
            let password = random_token()[..24].to_owned();
            let password_hash = hash(password.clone()).await?;
            let proof = Proof::Verified { password_hash: Some(&password_hash) };
            let id = create_account(ctx, &mut tx, &email, &name, proof, now).await?;
            record_account(&mut tx, None, AuditAction::AccountCreated, id, "command-line", now)
                .await?;
            (id, Some(password))
        }
    };
    for &role in &input.roles {
        change_role(&mut tx, Actor::CommandLine, account_id, role, true, now).await?;
    }
    tx.commit().await?;
    Ok(AddedUser { account_id, email, one_time_password })
}
