//! The one integration-test binary: every test that needs a database, a server or the built
//! binary. Storage-touching tests run on SQLite and PostgreSQL (`name::sqlite`,
//! `name::postgres`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod helpers;
mod imports;

mod ama;
mod ama_github;
mod announcements;
mod api;
mod api_contract;
mod audit_log;
mod auth;
mod badges;
mod benefits;
mod browser;
mod cli;
mod committee;
mod community;
mod contribution_import;
mod credentials;
mod cycles;
mod demo;
mod exports;
mod feedback;
mod ground;
mod jobs;
mod journey;
mod mail;
mod oidc;
mod profile;
mod program;
mod public;
mod public_api;
mod rubric_versions;
mod smtp;
mod speaking;
mod standings;
mod static_sites;
mod store;
mod upgrade;
mod web;
