//! Personal API tokens: created (shown once, stored hashed), listed, revoked, and checked on
//! every API request.

use plaudit_store::api_tokens::{self, ApiToken};

use super::Ctx;
use super::audit::{AuditAction, record_own};
use super::error::{ErrorCode, Fields, OpError};
use crate::crypto::tokens::{hash_token, random_token};
use crate::i18n::Msg;

/// Tokens start with a recognisable prefix, so secret scanners and people can tell them apart.
const TOKEN_PREFIX: &str = "plaudit_";
const NAME_MAX_CHARS: usize = 80;

/// What an API token may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenScope {
    Read,
    ReadWrite,
}

impl TokenScope {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenScope::Read => "read",
            TokenScope::ReadWrite => "read_write",
        }
    }

    pub fn parse(value: &str) -> Option<TokenScope> {
        match value {
            "read" => Some(TokenScope::Read),
            "read_write" => Some(TokenScope::ReadWrite),
            _ => None,
        }
    }
}

/// What a person gives to create a token.
#[derive(Debug, Clone, Default)]
pub struct NewToken {
    pub name: String,
    pub scope: String,
}

/// A new token: the secret is in this answer only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreatedToken {
    pub id: i64,
    pub secret: String,
}

pub async fn create(ctx: &Ctx, account_id: i64, input: &NewToken) -> Result<CreatedToken, OpError> {
    let mut fields = Fields::new();
    let name = input.name.trim();
    if name.is_empty() {
        fields.add("name", Msg::new("field-token-name-required"));
    } else if name.chars().count() > NAME_MAX_CHARS {
        fields.add("name", Msg::new("field-token-name-too-long").arg("max", NAME_MAX_CHARS));
    }
    let scope = TokenScope::parse(&input.scope);
    if scope.is_none() {
        fields.add("scope", Msg::new("field-token-scope-required"));
    }
    fields.finish()?;
    let scope = scope.ok_or_else(|| OpError::internal("checked scope went missing"))?;
    let secret = format!("{TOKEN_PREFIX}{}", random_token());
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    let id =
        api_tokens::create(&mut tx, account_id, name, &hash_token(&secret), scope.as_str(), now)
            .await?;
    let detail = format!("token={id} scope={}", scope.as_str());
    record_own(&mut tx, account_id, AuditAction::ApiTokenCreated, &detail, now).await?;
    tx.commit().await?;
    Ok(CreatedToken { id, secret })
}

/// Revokes one of the account's tokens; NotFound when it has no such live token.
pub async fn revoke(ctx: &Ctx, account_id: i64, token_id: i64) -> Result<(), OpError> {
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    if !api_tokens::revoke(&mut tx, account_id, token_id, now).await? {
        return Err(OpError::new(ErrorCode::NotFound));
    }
    let detail = format!("token={token_id}");
    record_own(&mut tx, account_id, AuditAction::ApiTokenRevoked, &detail, now).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn list(ctx: &Ctx, account_id: i64) -> Result<Vec<ApiToken>, OpError> {
    Ok(api_tokens::list(&ctx.db, account_id).await?)
}

/// The account and scope a presented token stands for; None when it is unknown or revoked.
pub async fn authenticate(ctx: &Ctx, secret: &str) -> Result<Option<(i64, TokenScope)>, OpError> {
    let found = api_tokens::authenticate(&ctx.db, &hash_token(secret), ctx.now()).await?;
    Ok(found.map(|(_, account_id, scope)| {
        (account_id, TokenScope::parse(&scope).unwrap_or(TokenScope::Read))
    }))
}
