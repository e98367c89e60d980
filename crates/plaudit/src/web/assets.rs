//! Static files embedded in the binary, served under names that carry a hash of their content,
//! so browsers may keep them for a year and a new release is fetched at once.

use std::sync::OnceLock;

use axum::body::{Body, Bytes};
use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use super::compress::{Precompressed, accepted_encodings};
use crate::web::PageError;

const STYLESHEET: &str = include_str!("../../assets/plaudit.css");
/// The contribution form's small script: the reach figures that fit the type, and drafts.
/// Pages work without it.
const FORM_SCRIPT: &str = include_str!("../../assets/contribution-form.js");
const AMA_SCRIPT: &str = include_str!("../../assets/ama-ask.js");
const IMPORT_SCRIPT: &str = include_str!("../../assets/import-progress.js");
/// The API reference page: Swagger UI from npm (see `assets/vendor/swagger-ui/README.md`) and
/// the script that starts it.
const SWAGGER_UI_SCRIPT: &str = include_str!("../../assets/vendor/swagger-ui/swagger-ui-bundle.js");
const SWAGGER_UI_STYLESHEET: &str = include_str!("../../assets/vendor/swagger-ui/swagger-ui.css");
const API_REFERENCE_SCRIPT: &str = include_str!("../../assets/api-reference.js");
/// Drawn by `scripts/make-favicon`: 16, 32 and 48 pixels.
const FAVICON: &[u8] = include_bytes!("../../assets/favicon.ico");

const CSS: &str = "text/css; charset=utf-8";
const JS: &str = "text/javascript; charset=utf-8";

/// A file served from `/assets/` under a name that carries its hash, compressed once for every
/// page that asks.
struct Asset {
    stem: &'static str,
    extension: &'static str,
    content_type: &'static str,
    body: &'static str,
    name: OnceLock<String>,
    forms: Precompressed,
}

impl Asset {
    const fn new(
        stem: &'static str,
        extension: &'static str,
        content_type: &'static str,
        body: &'static str,
    ) -> Asset {
        Asset {
            stem,
            extension,
            content_type,
            body,
            name: OnceLock::new(),
            forms: Precompressed::new(),
        }
    }

    /// The public name, e.g. `plaudit.3f9a1c2b7d4e.css`.
    fn name(&self) -> &str {
        self.name.get_or_init(|| {
            format!("{}.{}.{}", self.stem, short_hash(self.body.as_bytes()), self.extension)
        })
    }

    fn url(&self) -> String {
        format!("/assets/{}", self.name())
    }
}

static STYLESHEET_ASSET: Asset = Asset::new("plaudit", "css", CSS, STYLESHEET);
static FORM_SCRIPT_ASSET: Asset = Asset::new("contribution-form", "js", JS, FORM_SCRIPT);
static AMA_SCRIPT_ASSET: Asset = Asset::new("ama-ask", "js", JS, AMA_SCRIPT);
static IMPORT_SCRIPT_ASSET: Asset = Asset::new("import-progress", "js", JS, IMPORT_SCRIPT);
static SWAGGER_UI_SCRIPT_ASSET: Asset =
    Asset::new("swagger-ui-bundle", "js", JS, SWAGGER_UI_SCRIPT);
static SWAGGER_UI_STYLESHEET_ASSET: Asset =
    Asset::new("swagger-ui", "css", CSS, SWAGGER_UI_STYLESHEET);
static API_REFERENCE_SCRIPT_ASSET: Asset =
    Asset::new("api-reference", "js", JS, API_REFERENCE_SCRIPT);

static ASSETS: [&Asset; 7] = [
    &STYLESHEET_ASSET, &FORM_SCRIPT_ASSET, &AMA_SCRIPT_ASSET, &IMPORT_SCRIPT_ASSET,
    &SWAGGER_UI_SCRIPT_ASSET, &SWAGGER_UI_STYLESHEET_ASSET, &API_REFERENCE_SCRIPT_ASSET,
];

fn short_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().take(6).map(|b| format!("{b:02x}")).collect()
}

/// Where pages link the stylesheet.
pub fn stylesheet_url() -> String {
    STYLESHEET_ASSET.url()
}

/// Where the contribution form links its script.
pub fn form_script_url() -> String {
    FORM_SCRIPT_ASSET.url()
}

/// Where an AMA's page links the ask form's script (similar questions while typing).
pub fn ama_script_url() -> String {
    AMA_SCRIPT_ASSET.url()
}

/// Where the import sources page links the script that shows a read's progress.
pub fn import_script_url() -> String {
    IMPORT_SCRIPT_ASSET.url()
}

/// What the API reference page links: Swagger UI's script and stylesheet, and its starter.
pub fn api_reference_urls() -> [String; 3] {
    [
        SWAGGER_UI_SCRIPT_ASSET.url(),
        SWAGGER_UI_STYLESHEET_ASSET.url(),
        API_REFERENCE_SCRIPT_ASSET.url(),
    ]
}

pub(super) async fn asset(Path(file): Path<String>, headers: HeaderMap) -> Response {
    let Some(asset) = ASSETS.iter().find(|a| a.name() == file) else {
        return PageError::not_found().into_response();
    };
    let (body, encoding) =
        asset.forms.pick(&Bytes::from_static(asset.body.as_bytes()), accepted_encodings(&headers));
    let mut response = Response::new(Body::from(body));
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(asset.content_type));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    if let Some(encoding) = encoding {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    response
}

/// Where pages link the icon. Browsers also ask for `/favicon.ico` by that name, so it keeps
/// it; the query, which the router ignores, changes with the icon so pages show a new one at
/// once despite the long cache life.
pub fn favicon_url() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| format!("/favicon.ico?v={}", short_hash(FAVICON)))
}

pub(super) async fn favicon() -> Response {
    (
        [
            (header::CONTENT_TYPE, "image/x-icon"),
            (header::CACHE_CONTROL, "public, max-age=31536000"),
        ],
        FAVICON,
    )
        .into_response()
}
