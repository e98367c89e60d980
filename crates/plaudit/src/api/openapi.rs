//! The API's OpenAPI 3.1 document, generated from the handlers' own annotations and types, so
//! it says what the code does; served at `/api/v1/openapi.json` and read by the reference page
//! and by the property-based test that holds the server to it.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};

use super::{ama, candidate, public, review};
use crate::ops::ErrorCode;

/// Every error the API answers: `{"error": {"code", "message", "fields"}}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    error: ErrorDetail,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable: programs branch on it. New codes may be added, none is ever renamed.
    #[schema(schema_with = error_code_schema)]
    code: String,
    /// What went wrong, in the language asked for (`Accept-Language`).
    message: String,
    /// For `validation_failed`: each field to fix, with what is wrong with it.
    fields: BTreeMap<String, String>,
}

fn error_code_schema() -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(ErrorCode::ALL.iter().map(|c| c.as_str())))
}

struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "A personal API token, made on the account's tokens page. A read token \
                         reads; a read-write token also changes.",
                    ))
                    .build(),
            ),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Plaudit API",
        description = "Read the program's public directory, profiles, awards, categories, \
            rubrics, credentials and AMAs without a token; with a personal token, work on one's own \
            nominations, contributions and standing, and review. Errors are JSON with stable \
            codes; messages follow `Accept-Language` (English or German). Public answers carry \
            an ETag: send it back in `If-None-Match` to get a 304 when nothing changed.",
        license(name = "AGPL-3.0-or-later", identifier = "AGPL-3.0-or-later"),
    ),
    paths(
        public::directory,
        public::profile,
        public::awards,
        public::categories,
        public::rubric,
        public::rubric_version,
        public::credential,
        ama::questions,
        ama::question,
        super::me,
        super::rename_me,
        candidate::nominate,
        candidate::list,
        candidate::create,
        candidate::one,
        candidate::update,
        candidate::delete,
        candidate::export_csv,
        candidate::my_standing,
        review::queue,
        review::one,
        review::submit,
    ),
    modifiers(&BearerToken),
    tags(
        (name = "public", description = "What anyone may read: no token needed"),
        (name = "me", description = "The token's own account, nominations, contributions and standing"),
        (name = "review", description = "The committee's work: reviewers and admins"),
    )
)]
pub struct ApiDoc;

/// The document as served: built once.
pub fn document() -> &'static str {
    static JSON: OnceLock<String> = OnceLock::new();
    JSON.get_or_init(|| ApiDoc::openapi().to_pretty_json().unwrap_or_default())
}

/// GET /api/v1/openapi.json
pub async fn openapi_json() -> Response {
    let mut response = document().into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=300"));
    response
}

/// Schemas of the words the API takes, listed from the domain's vocabularies so the document
/// names every value the server accepts and no other.
pub mod vocabulary {
    use plaudit_domain::kinds::{
        Audience, ContributionRole, ContributionType, ReachMetric, Visibility, Vote,
    };
    use utoipa::openapi::schema::{
        AdditionalProperties, ArrayBuilder, ObjectBuilder, SchemaType, Type,
    };

    fn words(values: impl IntoIterator<Item = &'static str>) -> ObjectBuilder {
        ObjectBuilder::new().schema_type(Type::String).enum_values(Some(values))
    }

    pub fn contribution_type() -> ObjectBuilder {
        words(ContributionType::ALL.iter().map(|t| t.as_str()))
    }

    pub fn contribution_role() -> ObjectBuilder {
        words(ContributionRole::ALL.iter().map(|t| t.as_str()))
    }

    /// Empty means `public`.
    pub fn visibility() -> ObjectBuilder {
        words(Visibility::ALL.iter().map(|t| t.as_str()).chain([""]))
    }

    /// Empty entries are skipped.
    pub fn audiences() -> ArrayBuilder {
        ArrayBuilder::new().items(words(Audience::ALL.iter().map(|t| t.as_str()).chain([""])))
    }

    pub fn vote() -> ObjectBuilder {
        words(Vote::ALL.iter().map(|v| v.as_str()))
    }

    pub fn vote_or_none() -> ObjectBuilder {
        ObjectBuilder::new()
            .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
            .enum_values(Some(Vote::ALL.iter().map(|v| Some(v.as_str())).chain([None])))
    }

    /// Reach figures by metric name: whole numbers, or numeric strings as spreadsheets write
    /// them; null or an empty string clears one. No other name is taken.
    pub fn reach_input() -> ObjectBuilder {
        let figure = || {
            ObjectBuilder::new().schema_type(SchemaType::from_iter([
                Type::Integer,
                Type::String,
                Type::Null,
            ]))
        };
        ReachMetric::ALL
            .iter()
            .fold(ObjectBuilder::new().schema_type(Type::Object), |object, metric| {
                object.property(metric.as_str(), figure())
            })
            .additional_properties(Some(AdditionalProperties::FreeForm(false)))
    }
}
