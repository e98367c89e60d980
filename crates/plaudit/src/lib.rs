//! Plaudit runs a community recognition program end to end: nominations, contributions, a
//! published rubric, review, awards, renewals and the benefits awardees get.

pub mod api;
pub mod app;
pub mod auth;
pub mod cli;
pub mod config;
pub mod crypto;
pub mod demo;
pub mod error;
pub mod i18n;
pub mod jobs;
pub mod mail;
pub mod markdown;
pub mod ops;
pub mod polling;
pub mod state;
pub mod telemetry;
pub mod web;
