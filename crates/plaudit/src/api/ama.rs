//! The AMAs in /api/v1: an AMA's questions by state, order, topic or words, and one question
//! with its answer, for anyone and without a token. Built by the operations behind the pages,
//! as a visitor reads them: a question awaiting the host's approval is never listed. Answers
//! are not served from the public cache: votes and answers change them more often than the
//! directory's version moves.

use axum::Json;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use plaudit_store::ama::{AmaRow, AnswerPart, QuestionRow};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::ApiError;
use super::openapi::ErrorBody;
use super::public::{malformed_path, malformed_query};
use crate::markdown;
use crate::ops::ama::{self as ops, Answered, PageQuery};
use crate::state::AppState;

/// The path parameter naming an AMA.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct AmaPath {
    /// The AMA's slug, as in its address `/amas/{slug}`.
    slug: String,
}

/// The path parameters naming one question of an AMA.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct QuestionPath {
    /// The AMA's slug.
    slug: String,
    /// The question's number.
    #[param(minimum = 1)]
    id: i64,
}

/// Which questions to list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QuestionsParams {
    /// Open questions (the default), answered ones (newest answer first), declined ones or
    /// duplicates.
    #[param(inline)]
    state: Option<StateParam>,
    /// For open questions: by votes (the default) or newest first.
    #[param(inline)]
    sort: Option<SortParam>,
    /// Only questions with this topic.
    #[param(max_length = 60)]
    tag: Option<String>,
    /// Words to find in questions and answers; the answer is then up to 50 matches, newest
    /// first, and has no `next`.
    #[param(max_length = 200)]
    q: Option<String>,
    /// The page after this position: the `next` of the page before.
    #[param(pattern = "^-?[0-9]{1,19}\\.[0-9]{1,19}$", max_length = 40)]
    after: Option<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StateParam {
    Open,
    Answered,
    Declined,
    Duplicate,
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SortParam {
    Votes,
    New,
}

/// An AMA, as its page heads it.
#[derive(Debug, Serialize, ToSchema)]
pub struct AmaAnswer {
    slug: String,
    title: String,
    /// The introduction, rendered from Markdown and sanitised.
    description_html: String,
    host: String,
    /// The host's public profile; null for the program's own AMA.
    host_url: Option<String>,
    /// `open` (taking questions), `paused` or `closed`.
    status: String,
    topics: Vec<String>,
    url: String,
    feed_url: String,
}

/// A question as lists give it.
#[derive(Debug, Serialize, ToSchema)]
pub struct QuestionItem {
    id: i64,
    title: String,
    /// The name of who asked.
    asker: String,
    /// `open`, `answered`, `declined` or `duplicate`.
    state: String,
    votes: i64,
    tags: Vec<String>,
    #[schema(format = DateTime)]
    asked_at: String,
    #[schema(format = DateTime)]
    answered_at: Option<String>,
    url: String,
}

/// A page of an AMA's questions.
#[derive(Debug, Serialize, ToSchema)]
pub struct QuestionsAnswer {
    ama: AmaAnswer,
    questions: Vec<QuestionItem>,
    /// Pass as `after` for the next page; null on the last.
    next: Option<String>,
}

/// One part of an answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct AnswerPartAnswer {
    /// The part of the question it takes, as quoted; empty when it answers the whole question.
    question_part: String,
    /// The answer, rendered from Markdown and sanitised.
    answer_html: String,
}

/// The question a duplicate repeats, with its answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct OriginalAnswer {
    id: i64,
    title: String,
    url: String,
    answer: Vec<AnswerPartAnswer>,
}

/// One question with its answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct QuestionAnswer {
    #[serde(flatten)]
    question: QuestionItem,
    /// The question's details, rendered from Markdown and sanitised.
    body_html: String,
    /// Why the host declined it, when they said.
    decline_reason: Option<String>,
    /// The host's answer, part by part; empty until it is answered.
    answer: Vec<AnswerPartAnswer>,
    #[schema(format = DateTime)]
    answer_updated_at: Option<String>,
    /// For a duplicate: the question it repeats.
    duplicate_of: Option<OriginalAnswer>,
    /// How many earlier versions of the answer the page's history keeps.
    revisions: i64,
}

fn instant(micros: i64) -> String {
    plaudit_store::timestamp::from_micros(micros).map(|t| t.to_string()).unwrap_or_default()
}

fn ama_answer(state: &AppState, ama: &AmaRow) -> AmaAnswer {
    let ctx = &state.ctx;
    AmaAnswer {
        slug: ama.slug.clone(),
        title: ama.title.clone(),
        description_html: markdown::render(&ama.description),
        host: ama.host_name.clone(),
        host_url: (!ama.program_wide).then(|| ctx.link(&format!("/people/{}", ama.host_slug))),
        status: ama.status.clone(),
        topics: ops::topics_of(ama),
        url: ctx.link(&ops::ama_path(&ama.slug)),
        feed_url: ctx.link(&format!("{}/feed.atom", ops::ama_path(&ama.slug))),
    }
}

fn question_item(state: &AppState, slug: &str, q: &QuestionRow, tags: Vec<String>) -> QuestionItem {
    QuestionItem {
        id: q.id,
        title: q.title.clone(),
        asker: q.asker_name.clone(),
        state: q.state.clone(),
        votes: q.vote_count,
        tags,
        asked_at: instant(q.created_at),
        answered_at: q.answered_at.map(instant),
        url: state.ctx.link(&ops::question_path(slug, q.id)),
    }
}

fn parts(answer: &[AnswerPart]) -> Vec<AnswerPartAnswer> {
    answer
        .iter()
        .map(|p| AnswerPartAnswer {
            question_part: p.question_part.clone(),
            answer_html: markdown::render(&p.body),
        })
        .collect()
}

/// An AMA's questions: a page of one state in its order, or the questions that match words.
#[utoipa::path(
    get, path = "/api/v1/amas/{slug}/questions", tag = "public", operation_id = "ama_questions",
    params(AmaPath, QuestionsParams),
    responses(
        (status = 200, description = "A page of questions", body = QuestionsAnswer),
        (status = 400, description = "A parameter is not of its type", body = ErrorBody),
        (status = 401, description = "A token was sent and is not valid", body = ErrorBody),
        (status = 404, description = "No AMA has this slug", body = ErrorBody),
        (status = 422, description = "`after` or `sort` has a value the list never takes; `fields` names it", body = ErrorBody),
    )
)]
pub async fn questions(
    State(state): State<AppState>,
    path: Result<Path<AmaPath>, PathRejection>,
    query: Result<Query<QuestionsParams>, QueryRejection>,
) -> Result<Json<QuestionsAnswer>, ApiError> {
    let Path(AmaPath { slug }) = path.map_err(malformed_path)?;
    let Query(params) = query.map_err(malformed_query)?;
    let too_long = |value: &Option<String>, max: usize| {
        value.as_deref().is_some_and(|v| v.chars().count() > max)
    };
    let mut fields = crate::ops::error::Fields::new();
    for (field, value, max) in [("q", &params.q, 200), ("tag", &params.tag, 60)] {
        if too_long(value, max) {
            fields.add(field, crate::i18n::Msg::new("field-text-too-long").arg("max", max));
        }
    }
    fields.finish()?;
    let query = PageQuery {
        tab: match params.state {
            None | Some(StateParam::Open) => String::new(),
            Some(StateParam::Answered) => "answered".to_owned(),
            Some(StateParam::Declined) => "declined".to_owned(),
            Some(StateParam::Duplicate) => "duplicate".to_owned(),
        },
        sort: match params.sort {
            None => String::new(),
            Some(SortParam::Votes) => "votes".to_owned(),
            Some(SortParam::New) => "new".to_owned(),
        },
        tag: params.tag.unwrap_or_default(),
        search: params.q.unwrap_or_default(),
        after: params.after.unwrap_or_default(),
    };
    let found = ops::page(&state.ctx, None, &slug, &query).await?;
    Ok(Json(QuestionsAnswer {
        questions: found
            .questions
            .into_iter()
            .map(|l| question_item(&state, &slug, &l.question, l.tags))
            .collect(),
        next: found.next,
        ama: ama_answer(&state, &found.ama),
    }))
}

/// One question of an AMA, with the host's answer (or, for a duplicate, the original's).
#[utoipa::path(
    get, path = "/api/v1/amas/{slug}/questions/{id}", tag = "public", operation_id = "ama_question",
    params(QuestionPath),
    responses(
        (status = 200, description = "The question and its answer", body = QuestionAnswer),
        (status = 400, description = "A parameter is not of its type", body = ErrorBody),
        (status = 401, description = "A token was sent and is not valid", body = ErrorBody),
        (status = 404, description = "No such AMA, or no such question in it that anyone may read", body = ErrorBody),
    )
)]
pub async fn question(
    State(state): State<AppState>,
    path: Result<Path<QuestionPath>, PathRejection>,
) -> Result<Json<QuestionAnswer>, ApiError> {
    let Path(QuestionPath { slug, id }) = path.map_err(malformed_path)?;
    let found = ops::question(&state.ctx, None, &slug, id).await?;
    let q = &found.question;
    let original = found.original.map(|Answered { question, answer, .. }| OriginalAnswer {
        id: question.id,
        url: state.ctx.link(&ops::question_path(&slug, question.id)),
        title: question.title,
        answer: parts(&answer),
    });
    Ok(Json(QuestionAnswer {
        body_html: markdown::render(&q.body),
        decline_reason: q.decline_reason.clone().filter(|_| q.state == "declined"),
        answer: parts(&found.answer),
        answer_updated_at: q.answer_updated_at.map(instant),
        duplicate_of: original,
        revisions: found.revisions.len() as i64,
        question: question_item(&state, &slug, q, found.tags),
    }))
}
