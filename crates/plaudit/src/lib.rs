//! Plaudit runs a community recognition program end to end: nominations, contributions, a
//! published rubric, review, awards, renewals and the benefits awardees get.

pub mod api;
pub mod app;
pub mod auth;
pub mod cli;
pub mod config;
pub mod demo;
pub mod error;
pub mod jobs;
pub mod mail;
pub mod standings;
pub mod telemetry;
pub mod web;
