//! Nominating someone, the nominator's list of their nominations, and the invitation the
//! nominee answers. Each handler calls one operation from `ops::nominations`.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;

use super::account::{FieldErrors, field_errors, start_session};
use super::layout::{Nav, PageCtx};
use crate::i18n::Msg;
use crate::ops::nominations::{
    self, Acceptor, Confirmations, InvitationView, LINKS_MAX, NominateInput, REASON_MAX,
};
use crate::ops::{ErrorCode, OpError, accounts};
use crate::state::AppState;
use crate::web::PageError;

pub(super) struct CategoryChoice {
    slug: String,
    name: String,
    chosen: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "nominations/nominate.html")]
pub(super) struct NominatePage {
    nav: Nav,
    /// Which cycle takes nominations, until when; None: closed.
    open: Option<String>,
    categories: Vec<CategoryChoice>,
    form: NominateForm,
    errors: FieldErrors,
    /// A refusal by the program's rules, said above the form.
    refusal: Option<String>,
    reason_max: usize,
    links_max: usize,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub(super) struct NominateForm {
    #[serde(default)]
    category: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    links: String,
    #[serde(default)]
    reason: String,
}

async fn nominate_page(
    state: &AppState,
    page: &PageCtx,
    form: NominateForm,
    errors: FieldErrors,
    refusal: Option<String>,
) -> Result<NominatePage, PageError> {
    let (cycle, categories) = nominations::open_cycle(&state.ctx).await?;
    let open = cycle.map(|cycle| {
        let closes = page.lang.date(cycle.nominations_close);
        page.lang.msg(&Msg::new("nominate-intro").arg("cycle", cycle.name).arg("closes", closes))
    });
    let categories = categories
        .into_iter()
        .map(|c| CategoryChoice { chosen: c.slug == form.category, slug: c.slug, name: c.name })
        .collect();
    Ok(NominatePage {
        nav: page.nav().await,
        open,
        categories,
        form,
        errors,
        refusal,
        reason_max: REASON_MAX,
        links_max: LINKS_MAX,
    })
}

pub(super) async fn nominate_form(
    State(state): State<AppState>,
    page: PageCtx,
) -> Result<NominatePage, PageError> {
    nominate_page(&state, &page, NominateForm::default(), FieldErrors::new(), None).await
}

pub(super) async fn nominate(
    State(state): State<AppState>,
    page: PageCtx,
    Form(form): Form<NominateForm>,
) -> Result<Response, PageError> {
    let user = page.user.clone().ok_or(OpError::new(ErrorCode::Unauthenticated))?;
    let input = NominateInput {
        category: form.category.clone(),
        name: form.name.clone(),
        email: form.email.clone(),
        links: form.links.clone(),
        reason: form.reason.clone(),
    };
    match nominations::nominate(&state.ctx, &user.account, input, page.lang).await {
        Ok(done) => {
            let said = if done.merged {
                Msg::new("nominate-sent-merged")
            } else {
                Msg::new("nominate-sent")
            };
            page.flash(&said.arg("name", form.name.trim())).await;
            Ok(Redirect::to("/nominations").into_response())
        }
        // What the person typed comes back with every refusal, and the reason is said above it.
        Err(e) if e.code != ErrorCode::Internal => {
            let status = StatusCode::from_u16(e.code.http_status())
                .unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
            let errors = field_errors(&e, page.lang);
            let refusal =
                (e.code != ErrorCode::ValidationFailed).then(|| page.lang.msg(&e.message()));
            let view = nominate_page(&state, &page, form, errors, refusal).await?;
            Ok((status, view).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

pub(super) struct NominationRow {
    nominee: String,
    category: String,
    cycle: String,
    /// What the nominator may know: waiting, accepted or declined.
    outcome: String,
    date: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "nominations/list.html")]
pub(super) struct NominationsPage {
    nav: Nav,
    nominations: Vec<NominationRow>,
}

/// How a nomination turned out, as its nominator may know it: the nominee's answer, nothing
/// of the committee's work or of a later withdrawal.
fn outcome(state: &str) -> Msg {
    match state {
        "nominated" | "invited" => Msg::new("nomination-outcome-waiting"),
        "invitation_declined" => Msg::new("nomination-outcome-declined"),
        _ => Msg::new("nomination-outcome-accepted"),
    }
}

pub(super) async fn list(
    State(state): State<AppState>,
    page: PageCtx,
) -> Result<NominationsPage, PageError> {
    let user = page.user.clone().ok_or(OpError::new(ErrorCode::Unauthenticated))?;
    let rows = nominations::own(&state.ctx, &user.account).await?;
    let tz = state.ctx.time_zone().await?;
    let nominations = rows
        .into_iter()
        .map(|row| NominationRow {
            outcome: page.lang.msg(&outcome(&row.state)),
            date: jiff::Timestamp::from_microsecond(row.created_at)
                .map(|at| page.lang.date(tz.local_date(at)))
                .unwrap_or_default(),
            nominee: row.nominee_name,
            category: row.category_name,
            cycle: row.cycle_name,
        })
        .collect();
    Ok(NominationsPage { nav: page.nav().await, nominations })
}

// The invitation --------------------------------------------------------------------------------

#[derive(Template, WebTemplate)]
#[template(path = "nominations/invitation.html")]
pub(super) struct InvitationPage {
    nav: Nav,
    token: String,
    invitation: InvitationView,
    due: String,
    /// Who may answer here: the nominee signed in, or a nominee without an account.
    signed_in_as_nominee: bool,
    signed_in_as_other: bool,
    form: AcceptForm,
    errors: FieldErrors,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub(super) struct AcceptForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    minimum_age: Option<String>,
    #[serde(default)]
    code_of_conduct: Option<String>,
}

async fn invitation_page(
    state: &AppState,
    page: &PageCtx,
    token: String,
    mut form: AcceptForm,
    errors: FieldErrors,
) -> Result<InvitationPage, PageError> {
    let invitation = nominations::invitation(&state.ctx, &token).await?;
    let signed_in_person = page.user.as_ref().map(|u| u.account.person_id);
    if form.name.is_empty() {
        form.name.clone_from(&invitation.nominee_name);
    }
    // A password is never sent back into a page.
    form.password.clear();
    Ok(InvitationPage {
        nav: page.nav().await,
        due: page.lang.date(invitation.contributions_due),
        signed_in_as_nominee: signed_in_person == Some(invitation.person_id),
        signed_in_as_other: signed_in_person.is_some_and(|p| p != invitation.person_id),
        token,
        invitation,
        form,
        errors,
    })
}

pub(super) async fn invitation(
    State(state): State<AppState>,
    page: PageCtx,
    Path(token): Path<String>,
) -> Result<InvitationPage, PageError> {
    invitation_page(&state, &page, token, AcceptForm::default(), FieldErrors::new()).await
}

pub(super) async fn accept(
    State(state): State<AppState>,
    page: PageCtx,
    session: Session,
    Path(token): Path<String>,
    Form(form): Form<AcceptForm>,
) -> Result<Response, PageError> {
    let acceptor = match &page.user {
        Some(user) => Acceptor::SignedIn(user.account.clone()),
        None => Acceptor::NewAccount { name: form.name.clone(), password: form.password.clone() },
    };
    let confirmed = Confirmations {
        minimum_age: form.minimum_age.is_some(),
        code_of_conduct: form.code_of_conduct.is_some(),
    };
    match nominations::accept(&state.ctx, &token, acceptor, confirmed).await {
        Ok(accepted) => {
            if accepted.new_account {
                start_session(&session, accepted.account_id).await?;
                accounts::signed_in(&state.ctx, accepted.account_id, "invitation").await?;
            }
            page.flash(&Msg::new("invitation-accepted")).await;
            Ok(Redirect::to(&format!("/candidacies/{}", accepted.candidacy_id)).into_response())
        }
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let errors = field_errors(&e, page.lang);
            let view = invitation_page(&state, &page, token, form, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

pub(super) async fn decline(
    State(state): State<AppState>,
    page: PageCtx,
    Path(token): Path<String>,
) -> Result<super::account::MessagePage, PageError> {
    let by = page.user.as_ref().map(|u| &u.account);
    nominations::decline(&state.ctx, &token, by).await?;
    let title = Msg::new("invitation-declined-title");
    Ok(super::account::MessagePage::new(&page, &title, &Msg::new("invitation-declined-body")).await)
}
