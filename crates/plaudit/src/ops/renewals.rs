//! Renewals, as the program's calendar runs them: a cycle that takes renewals opens a
//! candidacy for every award ending on its renewal date, reminders go out on the program's
//! schedule before that date, renewal candidacies go to the committee at the due date as they
//! stand, and an award that ran out unrenewed is marked ended, its holder an alumnus.
//!
//! Every step is idempotent and done once however many servers run it: the candidacy's unique
//! key, the reminder's key, and the award's end mark each let only the first writer through.

use jiff::civil::Date;
use jiff::{Timestamp, ToSpan};
use plaudit_domain::cycle::{AwardCalendar, RenewalDate};
use plaudit_store::awards::{self, Award};
use plaudit_store::candidacies;
use plaudit_store::cycles::Cycle;
use plaudit_store::timestamp::date_from_text;
use plaudit_store::{Tx, accounts, program};

use super::audit::{AuditAction, record};
use super::error::{ErrorCode, OpError};
use super::{Ctx, enqueue_mail, language_of};
use crate::i18n::{Lang, Msg};
use crate::mail::Notice;

/// The program's award calendar: its renewal date.
pub(crate) async fn award_calendar(ctx: &Ctx) -> Result<AwardCalendar, OpError> {
    let settings = program::settings(&ctx.db).await?.ok_or(OpError::new(ErrorCode::NotSetUp))?;
    let month = i8::try_from(settings.renewal_month).unwrap_or(7);
    let day = i8::try_from(settings.renewal_day).unwrap_or(1);
    // Settings are validated when saved; a date edited by hand falls back to July 1st.
    let renewal = RenewalDate::new(month, day).unwrap_or(RenewalDate { month: 7, day: 1 });
    Ok(AwardCalendar::new(renewal))
}

/// The renewal date a cycle renews awards on: the first on or after its announcement.
fn renewal_date_of(calendar: &AwardCalendar, cycle: &Cycle) -> Date {
    calendar.renewal_date().next_on_or_after(cycle.announcement)
}

/// Opens the renewal candidacies of a cycle that takes renewals: one per standing award in
/// the cycle's categories that ends the day before the cycle's renewal date. Returns how many
/// it opened.
pub(crate) async fn open_candidacies(ctx: &Ctx, cycle: &Cycle) -> Result<usize, OpError> {
    let calendar = award_calendar(ctx).await?;
    let ending = renewal_date_of(&calendar, cycle).saturating_sub(1.day());
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    let mut opened = 0;
    for award in awards::ending_on(&mut tx, ending).await? {
        let Some(id) = candidacies::insert_renewal(
            &mut tx, cycle.id, award.category_id, award.person_id, award.id, now,
        )
        .await?
        else {
            continue;
        };
        opened += 1;
        record(&mut tx, None, AuditAction::RenewalOpened, ("candidacy", id), "", now).await?;
        let lang = language_of(ctx, &mut tx, award.person_id).await?;
        let notice = Notice::new("renewal_opened", Msg::new("mail-renewal-opened-subject"))
            .paragraph(
                Msg::new("mail-renewal-opened-body")
                    .arg("end", lang.date(award_end(&award)?))
                    .arg("due", lang.date(cycle.contributions_due)),
            )
            .link(Msg::new("mail-renewal-button"), ctx.link(&format!("/candidacies/{id}")));
        tell_person(ctx, &mut tx, award.person_id, &notice, now).await?;
    }
    tx.commit().await?;
    Ok(opened)
}

fn award_end(award: &Award) -> Result<Date, OpError> {
    Ok(date_from_text(&award.ends_on)?)
}

/// Queues `notice` to the person in their language; nothing when they have no account.
async fn tell_person(
    ctx: &Ctx,
    tx: &mut Tx,
    person_id: i64,
    notice: &Notice,
    now: Timestamp,
) -> Result<bool, OpError> {
    let Some((email, language)) = accounts::contact(tx, person_id).await? else {
        return Ok(false);
    };
    let lang = language.as_deref().and_then(Lang::parse).unwrap_or_default();
    enqueue_mail(ctx, tx, notice, lang, &email, now).await?;
    Ok(true)
}

/// The reminder schedule: days before the renewal date, largest first; bad entries (a
/// database edited by hand) are left out.
pub fn reminder_days(stored: &str) -> Vec<i64> {
    let mut days: Vec<i64> = stored
        .split(',')
        .filter_map(|d| d.trim().parse().ok())
        .filter(|d| (1..=365).contains(d))
        .collect();
    days.sort_unstable_by(|a, b| b.cmp(a));
    days.dedup();
    days
}

/// Sends the renewal reminders due on `today`: for each standing award whose renewal date is
/// at most one of the schedule's day counts away, the reminder of the nearest such count,
/// once. A reminder missed while no server ran is not sent late alongside a nearer one: the
/// nearer one stands for both.
pub(crate) async fn remind(ctx: &Ctx, today: Date) -> Result<usize, OpError> {
    let stored = program::preferences(&ctx.db).await?.unwrap_or_default();
    let days = reminder_days(&stored.renewal_reminder_days);
    let Some(&furthest) = days.first() else { return Ok(0) };
    let now = ctx.now();
    // An award ending the day before the renewal date is `days` away when it ends on
    // today + days - 1.
    let awards =
        awards::ending_between(&ctx.db, today, today.saturating_add((furthest - 1).days())).await?;
    let mut sent = 0;
    for award in awards {
        let renewal = award_end(&award)?.saturating_add(1.day());
        let left = i64::from((renewal - today).get_days());
        let crossed: Vec<i64> = days.iter().copied().filter(|&d| left <= d).collect();
        let Some(&nearest) = crossed.last() else { continue };
        let mut tx = ctx.db.begin_write().await?;
        if !awards::record_reminder(&mut tx, award.id, nearest, now).await? {
            continue;
        }
        // The further reminders it stands for are spent too.
        for &d in &crossed {
            awards::record_reminder(&mut tx, award.id, d, now).await?;
        }
        let lang = language_of(ctx, &mut tx, award.person_id).await?;
        let notice = Notice::new("renewal_reminder", Msg::new("mail-renewal-reminder-subject"))
            .paragraph(
                Msg::new("mail-renewal-reminder-body")
                    .arg("days", left)
                    .arg("date", lang.date(renewal)),
            )
            .link(Msg::new("mail-renewal-button"), ctx.link("/candidacies"));
        if tell_person(ctx, &mut tx, award.person_id, &notice, now).await? {
            sent += 1;
        }
        tx.commit().await?;
    }
    Ok(sent)
}

/// Marks the awards whose term ran out unrenewed: their holders are alumni from the end date.
pub(crate) async fn end_terms(ctx: &Ctx, today: Date) -> Result<usize, OpError> {
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    let mut ended = 0;
    for award in awards::unmarked_ended(&mut tx, today).await? {
        if awards::mark_term_ended(&mut tx, award.id).await? {
            let detail = format!("term ended {}", award.ends_on);
            record(&mut tx, None, AuditAction::AwardEnded, ("award", award.id), &detail, now)
                .await?;
            super::directory::refresh(ctx, &mut tx, &[award.person_id], now).await?;
            ended += 1;
        }
    }
    tx.commit().await?;
    Ok(ended)
}

/// Submits a cycle's renewal candidacies as they stand once contributions are due.
pub(crate) async fn submit_due(ctx: &Ctx, tx: &mut Tx, cycle: &Cycle) -> Result<usize, OpError> {
    let now = ctx.now();
    let ids = candidacies::renewals_to_submit(tx, cycle.id).await?;
    for &id in &ids {
        let Some(candidacy) = candidacies::by_id_for_update(tx, id).await? else { continue };
        // Another server moved it first.
        if candidacy.state != "accepted" {
            continue;
        }
        super::candidacies::apply(
            tx,
            &candidacy,
            plaudit_domain::CandidacyEvent::Submit,
            None,
            candidacies::Stamp::Submitted,
            now,
        )
        .await?;
    }
    Ok(ids.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reminder_schedule_reads_largest_first_and_drops_what_is_not_a_day_count() {
        assert_eq!(reminder_days("7, 60,30"), vec![60, 30, 7]);
        assert_eq!(reminder_days("30,30,x,0,400,-1"), vec![30]);
        assert!(reminder_days("").is_empty());
    }
}
