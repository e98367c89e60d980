//! Nominating someone, and the nominee's answer: the first steps of a candidacy.
//!
//! A nomination names a person by e-mail. The person is found by any address the program
//! knows for them, or created without an account; several nominations of one person for one
//! category and cycle share one candidacy. The nominee is invited by a link that works
//! whether or not they have an account, accepts (confirming the minimum age and the code of
//! conduct) or declines, and every nominator is told that outcome and nothing more.

use jiff::Timestamp;
use plaudit_domain::candidacy::{CandidacyEvent, CandidacyState};
use plaudit_domain::eligibility::{EligibilityRules, is_sponsor_address};
use plaudit_domain::parse::{
    CanonicalUrl, DisplayName, EmailAddress, EmailProblem, ParseError, Slug,
};
use plaudit_store::Tx;
use plaudit_store::accounts;
use plaudit_store::candidacies::{self, NewNomination, Stamp, Transition};
use plaudit_store::cycles::{self, Cycle};
use plaudit_store::program::{self, ProgramSettings};

use super::accounts::{AccountView, create_proven_account, hash};
use super::audit::{AuditAction, record};
use super::error::{ErrorCode, Fields, OpError, parse_problem};
use super::{Ctx, enqueue_mail};
use crate::crypto::password;
use crate::crypto::tokens::{hash_token, random_token};
use crate::i18n::{Lang, Msg};
use crate::mail::Notice;

/// The longest reason a nominator may give, in characters.
pub const REASON_MAX: usize = 2_000;
/// How many links a nomination may carry.
pub const LINKS_MAX: usize = 10;

/// What a nominator types.
#[derive(Debug, Clone, Default)]
pub struct NominateInput {
    /// The category's slug.
    pub category: String,
    pub name: String,
    pub email: String,
    /// Web addresses, one per line.
    pub links: String,
    pub reason: String,
}

/// What a nomination did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nominated {
    pub candidacy_id: i64,
    /// True when it joined a candidacy that others had nominated already.
    pub merged: bool,
}

/// The program's rules, refused in this order so the most telling reason is the one shown.
struct Checked {
    category_id: i64,
    category_name: String,
    name: DisplayName,
    email: EmailAddress,
    links: Vec<String>,
    reason: String,
}

fn check_input(
    input: &NominateInput,
    categories: &[program::Category],
) -> Result<Checked, OpError> {
    let mut fields = Fields::new();
    let category = categories.iter().find(|c| c.slug == input.category.trim());
    if category.is_none() {
        fields.add("category", Msg::new("field-category-required"));
    }
    let name = fields.check("name", DisplayName::parse(&input.name).map_err(|e| parse_problem(&e)));
    let email = fields.check(
        "email",
        EmailAddress::parse(&input.email).map_err(|e| match e {
            ParseError::Email(EmailProblem::Empty) => Msg::new("field-nominee-email-required"),
            other => parse_problem(&other),
        }),
    );
    let links: Vec<String> =
        input.links.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect();
    if links.len() > LINKS_MAX {
        fields.add("links", Msg::new("field-links-too-many").arg("max", LINKS_MAX));
    } else if let Some(bad) = links.iter().find(|l| CanonicalUrl::parse(l).is_err()) {
        fields.add("links", Msg::new("field-links-invalid").arg("link", bad.as_str()));
    }
    let reason = input.reason.trim();
    if reason.is_empty() {
        fields.add("reason", Msg::new("field-reason-required"));
    } else if reason.chars().count() > REASON_MAX {
        fields.add("reason", Msg::new("field-text-too-long").arg("max", REASON_MAX));
    }
    fields.finish()?;
    match (category, name, email) {
        (Some(category), Some(name), Some(email)) => Ok(Checked {
            category_id: category.id,
            category_name: category.name.clone(),
            name,
            email,
            links,
            reason: reason.to_owned(),
        }),
        _ => Err(OpError::internal("checked fields went missing")),
    }
}

async fn settings(ctx: &Ctx) -> Result<ProgramSettings, OpError> {
    program::settings(&ctx.db).await?.ok_or(OpError::new(ErrorCode::NotSetUp))
}

async fn rules(ctx: &Ctx, settings: &ProgramSettings) -> Result<EligibilityRules, OpError> {
    Ok(EligibilityRules {
        sponsor_name: settings.sponsor_name.clone(),
        sponsor_domains: program::sponsor_domains(&ctx.db).await?,
        ..EligibilityRules::default()
    })
}

fn sponsor_employee(email: &EmailAddress, sponsor: &str) -> OpError {
    let mut error = OpError::new(ErrorCode::SponsorEmployee).arg("sponsor", sponsor);
    error.fields.insert(
        "email",
        Msg::new("field-email-sponsor").arg("sponsor", sponsor).arg("email", email.as_str()),
    );
    error
}

/// Nominates a person for a category of the cycle taking nominations today. Every rule is
/// checked before anything is written; a refusal changes nothing.
pub async fn nominate(
    ctx: &Ctx,
    nominator: &AccountView,
    input: NominateInput,
    lang: Lang,
) -> Result<Nominated, OpError> {
    let categories = program::categories(&ctx.db).await?;
    let checked = check_input(&input, &categories)?;
    let settings = settings(ctx).await?;
    let today = ctx.today().await?;
    let cycle =
        cycles::open_for_nominations(&ctx.db, today).await?.ok_or_else(nominations_closed)?;
    let rules = rules(ctx, &settings).await?;
    if is_sponsor_address(&rules, &checked.email) {
        return Err(sponsor_employee(&checked.email, &settings.sponsor_name));
    }
    let now = ctx.now();
    let normalized = checked.email.normalized();
    let mut tx = ctx.db.begin_write().await?;
    let known = candidacies::person_by_email(&mut tx, &normalized).await?;
    let nominator_emails = candidacies::person_emails(&mut tx, nominator.person_id).await?;
    let is_self = known == Some(nominator.person_id) || nominator_emails.contains(&normalized);
    if is_self && !settings.self_nomination_allowed {
        return Err(OpError::new(ErrorCode::SelfNominationNotAllowed));
    }
    if let Some(person_id) = known {
        check_known_person(&mut tx, &rules, &settings, person_id, &cycle, &checked, today).await?;
    }
    let person_id = match known {
        Some(id) => id,
        None => {
            let slug = Slug::from_title(checked.name.as_str());
            accounts::create_person(
                &mut tx,
                checked.name.as_str(),
                slug.as_str(),
                checked.email.as_str(),
                &normalized,
                now,
            )
            .await?
        }
    };
    let existing = candidacies::find(&mut tx, person_id, checked.category_id, cycle.id).await?;
    let merged = existing.is_some();
    let candidacy_id = match &existing {
        Some(candidacy) => {
            if candidacies::has_nominated(&mut tx, candidacy.id, nominator.person_id).await? {
                return Err(OpError::new(ErrorCode::AlreadyNominated));
            }
            candidacy.id
        }
        None => {
            let state = CandidacyState::Nominated.as_str();
            let id =
                candidacies::insert(&mut tx, cycle.id, checked.category_id, person_id, state, now)
                    .await?;
            let created = Transition {
                candidacy_id: id,
                from: None,
                to: state,
                event: "nominate",
                actor_account_id: Some(nominator.account_id),
                stamp: Stamp::None,
            };
            candidacies::transition(&mut tx, &created, now).await?;
            id
        }
    };
    let links = checked.links.join("\n");
    let nomination = NewNomination {
        candidacy_id,
        nominator_person_id: nominator.person_id,
        nominee_name: checked.name.as_str(),
        nominee_email: checked.email.as_str(),
        links: &links,
        reason: &checked.reason,
        is_self,
    };
    match candidacies::insert_nomination(&mut tx, &nomination, now).await {
        Ok(_) => {}
        // A second submission of the same form raced this one and won.
        Err(e) if e.is_unique_violation() => {
            return Err(OpError::new(ErrorCode::AlreadyNominated));
        }
        Err(e) => return Err(e.into()),
    }
    if !merged {
        invite(ctx, &mut tx, candidacy_id, &checked, &cycle, nominator, lang, now).await?;
    }
    let detail = format!("category={} merged={merged} self={is_self}", checked.category_id);
    let subject = ("candidacy", candidacy_id);
    record(&mut tx, Some(nominator.account_id), AuditAction::NominationMade, subject, &detail, now)
        .await?;
    tx.commit().await?;
    Ok(Nominated { candidacy_id, merged })
}

fn nominations_closed() -> OpError {
    OpError::new(ErrorCode::NominationsClosed)
}

/// The rules that need what the program knows of the person: their other addresses, their
/// awards, their other candidacies.
async fn check_known_person(
    tx: &mut Tx,
    rules: &EligibilityRules,
    settings: &ProgramSettings,
    person_id: i64,
    cycle: &Cycle,
    checked: &Checked,
    today: jiff::civil::Date,
) -> Result<(), OpError> {
    for known in candidacies::person_emails(tx, person_id).await? {
        if let Ok(address) = EmailAddress::parse(&known)
            && is_sponsor_address(rules, &address)
        {
            return Err(sponsor_employee(&checked.email, &settings.sponsor_name));
        }
    }
    let held = candidacies::awards_held(tx, person_id, today, cycle.award_year).await?;
    if held.iter().any(|&(category, _)| category == checked.category_id) {
        return Err(OpError::new(ErrorCode::AlreadyAwarded));
    }
    if !settings.multiple_categories_allowed {
        let elsewhere = held.iter().any(|&(category, _)| category != checked.category_id)
            || candidacies::in_another_category(tx, person_id, cycle.id, checked.category_id)
                .await?;
        if elsewhere {
            return Err(OpError::new(ErrorCode::OneCategoryOnly));
        }
    }
    Ok(())
}

/// Mails the nominee a link to answer, valid until the cycle's contributions are due, and
/// moves the candidacy to invited.
#[allow(clippy::too_many_arguments)]
async fn invite(
    ctx: &Ctx,
    tx: &mut Tx,
    candidacy_id: i64,
    checked: &Checked,
    cycle: &Cycle,
    nominator: &AccountView,
    lang: Lang,
    now: Timestamp,
) -> Result<(), OpError> {
    let tz = ctx.time_zone().await?;
    let expires_at = tz.deadline_instant(cycle.contributions_due);
    let token = random_token();
    candidacies::insert_invitation(
        tx,
        candidacy_id,
        checked.email.as_str(),
        &hash_token(&token),
        now,
        expires_at,
    )
    .await?;
    let invited = Transition {
        candidacy_id,
        from: Some(CandidacyState::Nominated.as_str()),
        to: CandidacyState::Invited.as_str(),
        event: CandidacyEvent::Invite.as_str(),
        actor_account_id: Some(nominator.account_id),
        stamp: Stamp::Invited,
    };
    candidacies::transition(tx, &invited, now).await?;
    let due = lang.date(cycle.contributions_due);
    let notice = Notice::new("nomination_invitation", Msg::new("mail-invitation-subject"))
        .paragraph(
            Msg::new("mail-invitation-body")
                .arg("nominator", nominator.display_name.as_str())
                .arg("category", checked.category_name.as_str()),
        )
        .paragraph(Msg::new("mail-invitation-next").arg("due", due))
        .paragraph(Msg::new("mail-invitation-not-interested"))
        .link(Msg::new("mail-invitation-button"), ctx.link(&format!("/invitations/{token}")));
    // The nominee's own language when they have an account; the nominator's otherwise.
    let nominee_lang = match accounts::by_email(&ctx.db, &checked.email.normalized()).await? {
        Some(account) => account.language.as_deref().and_then(Lang::parse).unwrap_or(lang),
        None => lang,
    };
    enqueue_mail(ctx, tx, &notice, nominee_lang, checked.email.as_str(), now).await
}

// The nominee's answer ------------------------------------------------------------------------

/// What the invitation page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationView {
    pub nominee_name: String,
    pub email: String,
    pub category_name: String,
    pub cycle_name: String,
    pub contributions_due: jiff::civil::Date,
    pub nominations: i64,
    /// The nominee has an account and signs in to answer.
    pub has_account: bool,
    pub person_id: i64,
    /// What the nominee confirms when accepting.
    pub minimum_age: i64,
    pub code_of_conduct_version: Option<String>,
}

/// The invitation a link carries; `link_expired` when it was answered, has expired or never
/// existed.
pub async fn invitation(ctx: &Ctx, token: &str) -> Result<InvitationView, OpError> {
    let found = candidacies::invitation(&ctx.db, &hash_token(token), ctx.now())
        .await?
        .ok_or(OpError::new(ErrorCode::LinkExpired))?;
    let settings = settings(ctx).await?;
    let contributions_due = jiff::civil::Date::strptime("%Y-%m-%d", &found.contributions_due_on)
        .map_err(OpError::internal)?;
    Ok(InvitationView {
        nominee_name: found.person_name,
        email: found.email,
        category_name: found.category_name,
        cycle_name: found.cycle_name,
        contributions_due,
        nominations: found.nominations,
        has_account: found.has_account,
        person_id: found.person_id,
        minimum_age: settings.minimum_age,
        code_of_conduct_version: settings.code_of_conduct_version,
    })
}

/// Who is accepting.
#[derive(Debug, Clone)]
pub enum Acceptor {
    /// The nominee, signed in.
    SignedIn(AccountView),
    /// The nominee without an account yet: the link proved the address, so this creates the
    /// account, verified, with the name and password they chose.
    NewAccount { name: String, password: String },
}

/// What the nominee confirms.
#[derive(Debug, Clone, Copy, Default)]
pub struct Confirmations {
    pub minimum_age: bool,
    pub code_of_conduct: bool,
}

/// What accepting did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    pub account_id: i64,
    pub candidacy_id: i64,
    /// True when this created the account (the caller signs it in).
    pub new_account: bool,
}

/// Accepts the nomination: the candidacy moves to accepted, the person's confirmations are
/// recorded, and every nominator is told.
pub async fn accept(
    ctx: &Ctx,
    token: &str,
    acceptor: Acceptor,
    confirmed: Confirmations,
) -> Result<Accepted, OpError> {
    let view = invitation(ctx, token).await?;
    let mut fields = Fields::new();
    let new_account = match &acceptor {
        Acceptor::SignedIn(account) => {
            if account.person_id != view.person_id {
                return Err(OpError::new(ErrorCode::InvitationNotYours));
            }
            None
        }
        Acceptor::NewAccount { .. } if view.has_account => {
            return Err(OpError::new(ErrorCode::SignInToAnswer));
        }
        Acceptor::NewAccount { name, password } => {
            let name =
                fields.check("name", DisplayName::parse(name).map_err(|e| parse_problem(&e)));
            if let Some(problem) = password::problem(password) {
                fields.add("password", problem);
            }
            name.map(|name| (name, password.clone()))
        }
    };
    if view.minimum_age > 0 && !confirmed.minimum_age {
        fields.add(
            "minimum_age",
            Msg::new("field-minimum-age-required").arg("age", view.minimum_age),
        );
    }
    if view.code_of_conduct_version.is_some() && !confirmed.code_of_conduct {
        fields.add("code_of_conduct", Msg::new("field-code-of-conduct-required"));
    }
    fields.finish()?;
    let password_hash = match &new_account {
        Some((_, password)) => Some(hash(password.clone()).await?),
        None => None,
    };
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    let candidacy_id = candidacies::use_invitation(&mut tx, &hash_token(token), now)
        .await?
        .ok_or(OpError::new(ErrorCode::LinkExpired))?;
    let account_id = match (&acceptor, &new_account, &password_hash) {
        (Acceptor::SignedIn(account), _, _) => account.account_id,
        (Acceptor::NewAccount { .. }, Some((name, _)), Some(hash)) => {
            let email = EmailAddress::parse(&view.email).map_err(OpError::internal)?;
            match create_proven_account(ctx, &mut tx, &email, name, hash, now).await {
                Ok(id) => id,
                Err(e) if e.is_unique_violation() => {
                    return Err(OpError::new(ErrorCode::SignInToAnswer));
                }
                Err(e) => return Err(e.into()),
            }
        }
        _ => return Err(OpError::internal("accepting without an account")),
    };
    answer(&mut tx, candidacy_id, CandidacyEvent::Accept, Some(account_id), now).await?;
    plaudit_store::people::confirm(
        &mut tx,
        view.person_id,
        confirmed.minimum_age.then_some(now),
        view.code_of_conduct_version.as_deref().filter(|_| confirmed.code_of_conduct),
        now,
    )
    .await?;
    tell_nominators(ctx, &mut tx, candidacy_id, &view, true, now).await?;
    let detail = if new_account.is_some() { "new_account=true" } else { "" };
    let subject = ("candidacy", candidacy_id);
    record(&mut tx, Some(account_id), AuditAction::InvitationAccepted, subject, detail, now)
        .await?;
    tx.commit().await?;
    Ok(Accepted { account_id, candidacy_id, new_account: new_account.is_some() })
}

/// Declines the nomination; every nominator is told, and the link is spent.
pub async fn decline(ctx: &Ctx, token: &str, by: Option<&AccountView>) -> Result<(), OpError> {
    let view = invitation(ctx, token).await?;
    if let Some(account) = by
        && account.person_id != view.person_id
    {
        return Err(OpError::new(ErrorCode::InvitationNotYours));
    }
    let now = ctx.now();
    let actor = by.map(|a| a.account_id);
    let mut tx = ctx.db.begin_write().await?;
    let candidacy_id = candidacies::use_invitation(&mut tx, &hash_token(token), now)
        .await?
        .ok_or(OpError::new(ErrorCode::LinkExpired))?;
    answer(&mut tx, candidacy_id, CandidacyEvent::DeclineInvitation, actor, now).await?;
    tell_nominators(ctx, &mut tx, candidacy_id, &view, false, now).await?;
    let subject = ("candidacy", candidacy_id);
    record(&mut tx, actor, AuditAction::InvitationDeclined, subject, "", now).await?;
    tx.commit().await?;
    Ok(())
}

/// Moves an invited candidacy through the nominee's answer, by the domain's state machine.
async fn answer(
    tx: &mut Tx,
    candidacy_id: i64,
    event: CandidacyEvent,
    actor: Option<i64>,
    now: Timestamp,
) -> Result<(), OpError> {
    let candidacy = candidacies::by_id_for_update(tx, candidacy_id)
        .await?
        .ok_or(OpError::new(ErrorCode::NotFound))?;
    super::candidacies::apply(tx, &candidacy, event, actor, Stamp::Responded, now).await
}

/// Tells each nominator how their nomination turned out: accepted or declined, and nothing
/// more about the nominee.
async fn tell_nominators(
    ctx: &Ctx,
    tx: &mut Tx,
    candidacy_id: i64,
    view: &InvitationView,
    accepted: bool,
    now: Timestamp,
) -> Result<(), OpError> {
    let nominee = view.nominee_name.as_str();
    let category = view.category_name.as_str();
    let notice = if accepted {
        Notice::new(
            "nomination_accepted",
            Msg::new("mail-nomination-accepted-subject").arg("nominee", nominee),
        )
        .paragraph(
            Msg::new("mail-nomination-accepted-body")
                .arg("nominee", nominee)
                .arg("category", category),
        )
    } else {
        Notice::new(
            "nomination_declined",
            Msg::new("mail-nomination-declined-subject").arg("nominee", nominee),
        )
        .paragraph(
            Msg::new("mail-nomination-declined-body")
                .arg("nominee", nominee)
                .arg("category", category),
        )
    };
    for nominator in candidacies::nominators(tx, candidacy_id).await? {
        let Some(email) = &nominator.email else { continue };
        if nominator.person_id == view.person_id {
            continue;
        }
        let lang = nominator.language.as_deref().and_then(Lang::parse).unwrap_or_default();
        enqueue_mail(ctx, tx, &notice, lang, email, now).await?;
    }
    Ok(())
}

/// The cycle taking nominations today, if any, and the categories one may nominate for.
pub async fn open_cycle(ctx: &Ctx) -> Result<(Option<Cycle>, Vec<program::Category>), OpError> {
    let today = ctx.today().await?;
    let cycle = cycles::open_for_nominations(&ctx.db, today).await?;
    Ok((cycle, program::categories(&ctx.db).await?))
}

/// The nominations a person made, newest first, with only how each turned out.
pub async fn own(
    ctx: &Ctx,
    nominator: &AccountView,
) -> Result<Vec<candidacies::OwnNomination>, OpError> {
    Ok(candidacies::nominated_by(&ctx.db, nominator.person_id, 200).await?)
}
