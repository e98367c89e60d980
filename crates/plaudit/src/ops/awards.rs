//! What happens to an award between its giving and its end: an awardee whose employer or
//! e-mail address becomes the sponsor's gives the award up at once (sponsor employees are not
//! eligible), with that reason, and is an alumnus from that day.

use jiff::Timestamp;
use plaudit_domain::eligibility::is_sponsor_address;
use plaudit_domain::kinds::AwardEndReason;
use plaudit_domain::parse::EmailAddress;
use plaudit_domain::review::employer_key;
use plaudit_store::{Tx, awards, program};

use super::audit::{AuditAction, record};
use super::error::OpError;
use super::{Ctx, enqueue_mail};
use crate::i18n::{Lang, Msg};
use crate::mail::Notice;

/// Ends the person's standing awards when `employer` is the sponsor or `email` is at one of
/// its domains, in the caller's transaction; returns how many ended.
pub(crate) async fn give_up_if_sponsor(
    ctx: &Ctx,
    tx: &mut Tx,
    person_id: i64,
    employer: Option<&str>,
    email: Option<&EmailAddress>,
    now: Timestamp,
) -> Result<usize, OpError> {
    let Some(settings) = program::settings(&ctx.db).await? else { return Ok(0) };
    let at_sponsor = employer_key(employer)
        .is_some_and(|e| employer_key(Some(&settings.sponsor_name)) == Some(e));
    let rules = plaudit_domain::eligibility::EligibilityRules {
        sponsor_name: settings.sponsor_name.clone(),
        sponsor_domains: program::sponsor_domains(&ctx.db).await?,
        minimum_age: 0,
        code_of_conduct_version: None,
    };
    let sponsor_address = email.is_some_and(|e| is_sponsor_address(&rules, e));
    if !at_sponsor && !sponsor_address {
        return Ok(0);
    }
    let today = ctx.time_zone().await?.local_date(now);
    let held = awards::current_of_person(tx, person_id, today).await?;
    let reason = AwardEndReason::JoinedSponsor;
    let mut ended = 0;
    for award in &held {
        if awards::end_early(tx, award.id, today, reason.as_str()).await? {
            let detail = format!("{} on {today}", reason.as_str());
            record(tx, None, AuditAction::AwardEnded, ("award", award.id), &detail, now).await?;
            super::directory::refresh(ctx, tx, &[person_id], now).await?;
            ended += 1;
        }
    }
    if ended > 0
        && let Some((to, language)) = plaudit_store::accounts::contact(tx, person_id).await?
    {
        let lang = language.as_deref().and_then(Lang::parse).unwrap_or_default();
        let notice = Notice::new("award_given_up", Msg::new("mail-award-given-up-subject"))
            .paragraph(
                Msg::new("mail-award-given-up-body").arg("sponsor", settings.sponsor_name.clone()),
            );
        enqueue_mail(ctx, tx, &notice, lang, &to, now).await?;
    }
    Ok(ended)
}
