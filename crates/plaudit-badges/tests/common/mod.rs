// Shared fixtures for the integration tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use plaudit_badges::{AwardFacts, Issuer, IssuerKey};

pub fn ts(s: &str) -> jiff::Timestamp {
    s.parse().unwrap()
}

pub fn issuer() -> Issuer {
    Issuer {
        id: "https://plaudit.example/issuer".into(),
        name: "Plaudit Community Awards".into(),
        url: "https://plaudit.example/".into(),
    }
}

/// A fixed key so fixtures are reproducible.
pub fn key(n: u32) -> IssuerKey {
    IssuerKey::from_secret_bytes(n, &[n as u8; 32]).unwrap()
}

pub const STATUS_URL: &str = "https://plaudit.example/status/1";

pub fn facts() -> AwardFacts {
    AwardFacts {
        credential_url: "https://plaudit.example/credentials/42".into(),
        recipient_name: "Ada <Lovelace> & Co".into(),
        recipient_profile_url: "https://plaudit.example/people/ada".into(),
        category_name: "Volunteer of the Year".into(),
        award_year: 2026,
        achievement_url: "https://plaudit.example/categories/volunteer/2026".into(),
        description: "Recognises outstanding volunteering.".into(),
        rubric_url: "https://plaudit.example/categories/volunteer/rubric".into(),
        criteria_narrative: "Nominated by peers and selected by the panel.".into(),
        valid_from: ts("2026-01-15T12:00:00Z"),
        valid_until: ts("2031-01-15T12:00:00Z"),
        status_list_url: STATUS_URL.into(),
        status_index: 7,
        image_url: "https://plaudit.example/badges/volunteer-2026.svg".into(),
    }
}
