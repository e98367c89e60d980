//! Who may be nominated and awarded.
//!
//! "You can't be an MVP and work at Microsoft": sponsor employees (recognised
//! by their e-mail domains) are not eligible, nor is anyone under the minimum
//! age, anyone who has not accepted the current code of conduct, or anyone
//! who already holds the award in that category for that award year.
//! [`check`] lists every reason at once, so a form can show them all.

use jiff::civil::Date;

use crate::parse::{AwardYear, EmailAddress};

/// The program's eligibility settings.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct EligibilityRules {
    /// The sponsor, for messages ("works at Contoso").
    pub sponsor_name: String,
    /// The sponsor's e-mail domains; each also covers its subdomains.
    pub sponsor_domains: Vec<String>,
    /// The minimum age in whole years; 0 means no minimum (and no birth date needed).
    pub minimum_age: u8,
    /// The code of conduct version candidates must have accepted, if any.
    pub code_of_conduct_version: Option<String>,
}

/// What eligibility needs to know about a person.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Candidate {
    /// Every address known for the person (all identities).
    pub emails: Vec<EmailAddress>,
    pub birth_date: Option<Date>,
    /// The code of conduct version the person last accepted.
    pub accepted_code_of_conduct: Option<String>,
    /// Awards the person holds now, as (category id, award year).
    pub current_awards: Vec<(i64, AwardYear)>,
}

/// One reason a person is not eligible.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ineligibility {
    /// An address at one of the sponsor's domains.
    SponsorEmployee { email: EmailAddress },
    /// Younger than the minimum age on the day of the check.
    TooYoung { minimum_age: u8 },
    /// The program has a minimum age and the birth date is not known.
    AgeUnknown,
    /// The current code of conduct has not been accepted.
    CodeOfConductNotAccepted { version: String },
    /// Already awarded in this category for this award year.
    AlreadyAwarded { category_id: i64, award_year: AwardYear },
}

impl Ineligibility {
    /// A sentence for the person or the admin.
    pub fn message(&self) -> String {
        match self {
            Ineligibility::SponsorEmployee { email } => {
                format!("{email} is a sponsor address: the sponsor's employees are not eligible")
            }
            Ineligibility::TooYoung { minimum_age } => {
                format!("the program requires awardees to be at least {minimum_age} years old")
            }
            Ineligibility::AgeUnknown => {
                "the program has a minimum age and the birth date is not known".to_string()
            }
            Ineligibility::CodeOfConductNotAccepted { version } => {
                format!("the code of conduct (version {version}) has not been accepted")
            }
            Ineligibility::AlreadyAwarded { award_year, .. } => {
                format!("already holds this category's award for {award_year}")
            }
        }
    }

    /// A stable snake_case code for the API and the database.
    pub fn code(&self) -> &'static str {
        match self {
            Ineligibility::SponsorEmployee { .. } => "sponsor_employee",
            Ineligibility::TooYoung { .. } => "too_young",
            Ineligibility::AgeUnknown => "age_unknown",
            Ineligibility::CodeOfConductNotAccepted { .. } => "code_of_conduct_not_accepted",
            Ineligibility::AlreadyAwarded { .. } => "already_awarded",
        }
    }
}

impl std::fmt::Display for Ineligibility {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

/// Every reason the candidate cannot be awarded in `category_id` for
/// `award_year` as of `today`; empty means eligible.
///
/// An award already held blocks only the same category and award year: a
/// renewal is a candidacy for the next award year.
pub fn check(
    rules: &EligibilityRules,
    candidate: &Candidate,
    category_id: i64,
    award_year: AwardYear,
    today: Date,
) -> Vec<Ineligibility> {
    let mut reasons = Vec::new();
    for email in &candidate.emails {
        if is_sponsor_address(rules, email) {
            reasons.push(Ineligibility::SponsorEmployee { email: email.clone() });
        }
    }
    if rules.minimum_age > 0 {
        match candidate.birth_date {
            None => reasons.push(Ineligibility::AgeUnknown),
            Some(born) if age_on(born, today) < i32::from(rules.minimum_age) => {
                reasons.push(Ineligibility::TooYoung { minimum_age: rules.minimum_age });
            }
            Some(_) => {}
        }
    }
    if let Some(version) = &rules.code_of_conduct_version
        && candidate.accepted_code_of_conduct.as_ref() != Some(version)
    {
        reasons.push(Ineligibility::CodeOfConductNotAccepted { version: version.clone() });
    }
    if candidate.current_awards.iter().any(|&(c, y)| c == category_id && y == award_year) {
        reasons.push(Ineligibility::AlreadyAwarded { category_id, award_year });
    }
    reasons
}

/// Age in whole years on `today`. Someone born on February 29th turns a year
/// older on March 1st in a common year.
pub fn age_on(born: Date, today: Date) -> i32 {
    let years = i32::from(today.year()) - i32::from(born.year());
    if (today.month(), today.day()) < (born.month(), born.day()) { years - 1 } else { years }
}

/// Whether the address is at one of the sponsor's domains or a subdomain of
/// one: `example.com` covers `a@example.com` and `a@eu.example.com`, not
/// `a@notexample.com` nor `a@example.com.evil.org`. Case does not matter, and
/// configured domains may be written `@example.com` or `.example.com`.
pub fn is_sponsor_address(rules: &EligibilityRules, email: &EmailAddress) -> bool {
    let domain = email.domain();
    rules.sponsor_domains.iter().any(|configured| {
        let sponsor =
            configured.trim().trim_start_matches(['@', '.']).trim_end_matches('.').to_lowercase();
        if sponsor.is_empty() {
            return false;
        }
        match domain.strip_suffix(sponsor.as_str()) {
            Some("") => true,
            // A subdomain, and not merely a name that ends the same way.
            Some(prefix) => prefix.ends_with('.'),
            None => false,
        }
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use jiff::civil::date;

    fn rules() -> EligibilityRules {
        EligibilityRules {
            sponsor_name: "Example Corp".into(),
            sponsor_domains: vec!["example.com".into(), "@Example-Labs.io".into()],
            minimum_age: 16,
            code_of_conduct_version: Some("2026-01".into()),
        }
    }

    fn email(s: &str) -> EmailAddress {
        EmailAddress::parse(s).unwrap()
    }

    fn year(y: i32) -> AwardYear {
        AwardYear::new(y).unwrap()
    }

    fn eligible_candidate() -> Candidate {
        Candidate {
            emails: vec![email("ada@lovelace.dev")],
            birth_date: Some(date(1990, 12, 10)),
            accepted_code_of_conduct: Some("2026-01".into()),
            current_awards: vec![],
        }
    }

    const TODAY: Date = date(2026, 4, 1);

    #[test]
    fn an_ordinary_candidate_is_eligible() {
        assert_eq!(check(&rules(), &eligible_candidate(), 1, year(2026), TODAY), vec![]);
    }

    #[test]
    fn a_sponsor_employee_is_not_eligible() {
        let mut c = eligible_candidate();
        c.emails.push(email("ada@EU.Example.com"));
        let reasons = check(&rules(), &c, 1, year(2026), TODAY);
        assert_eq!(
            reasons,
            vec![Ineligibility::SponsorEmployee { email: email("ada@eu.example.com") }]
        );
        assert_eq!(reasons[0].code(), "sponsor_employee");
        assert_eq!(
            reasons[0].message(),
            "ada@eu.example.com is a sponsor address: the sponsor's employees are not eligible"
        );
    }

    #[test]
    fn sponsor_domains_match_subdomains_but_not_lookalikes() {
        let r = rules();
        assert!(is_sponsor_address(&r, &email("a@example.com")));
        assert!(is_sponsor_address(&r, &email("a@eu.example.com")));
        assert!(is_sponsor_address(&r, &email("A@EXAMPLE.COM")));
        assert!(is_sponsor_address(&r, &email("a@example-labs.io")));
        assert!(!is_sponsor_address(&r, &email("a@notexample.com")));
        assert!(!is_sponsor_address(&r, &email("a@example.com.evil.org")));
        assert!(!is_sponsor_address(&r, &email("a@example.co")));
        let empty = EligibilityRules { sponsor_domains: vec!["  ".into()], ..rules() };
        assert!(!is_sponsor_address(&empty, &email("a@example.com")));
    }

    #[test]
    fn a_candidate_under_the_minimum_age_is_not_eligible() {
        let mut c = eligible_candidate();
        c.birth_date = Some(date(2010, 4, 2));
        assert_eq!(
            check(&rules(), &c, 1, year(2026), TODAY),
            vec![Ineligibility::TooYoung { minimum_age: 16 }]
        );
        c.birth_date = Some(date(2010, 4, 1));
        assert_eq!(check(&rules(), &c, 1, year(2026), TODAY), vec![]);
    }

    #[test]
    fn a_leap_day_birthday_counts_from_march_first_in_common_years() {
        assert_eq!(age_on(date(2008, 2, 29), date(2024, 2, 28)), 15);
        assert_eq!(age_on(date(2008, 2, 29), date(2024, 2, 29)), 16);
        assert_eq!(age_on(date(2008, 2, 29), date(2025, 2, 28)), 16);
        assert_eq!(age_on(date(2008, 2, 29), date(2025, 3, 1)), 17);
    }

    #[test]
    fn an_unknown_age_is_a_reason_only_when_there_is_a_minimum() {
        let mut c = eligible_candidate();
        c.birth_date = None;
        assert_eq!(check(&rules(), &c, 1, year(2026), TODAY), vec![Ineligibility::AgeUnknown]);
        let no_minimum = EligibilityRules { minimum_age: 0, ..rules() };
        assert_eq!(check(&no_minimum, &c, 1, year(2026), TODAY), vec![]);
    }

    #[test]
    fn an_older_code_of_conduct_acceptance_does_not_count() {
        let mut c = eligible_candidate();
        c.accepted_code_of_conduct = Some("2025-01".into());
        let reasons = check(&rules(), &c, 1, year(2026), TODAY);
        assert_eq!(
            reasons,
            vec![Ineligibility::CodeOfConductNotAccepted { version: "2026-01".into() }]
        );
        assert_eq!(
            reasons[0].to_string(),
            "the code of conduct (version 2026-01) has not been accepted"
        );
        let no_coc = EligibilityRules { code_of_conduct_version: None, ..rules() };
        c.accepted_code_of_conduct = None;
        assert_eq!(check(&no_coc, &c, 1, year(2026), TODAY), vec![]);
    }

    #[test]
    fn an_awardee_cannot_be_awarded_twice_in_one_category_and_year() {
        let mut c = eligible_candidate();
        c.current_awards = vec![(1, year(2026)), (2, year(2025))];
        assert_eq!(
            check(&rules(), &c, 1, year(2026), TODAY),
            vec![Ineligibility::AlreadyAwarded { category_id: 1, award_year: year(2026) }]
        );
        // Another category, or the next award year (a renewal), is fine.
        assert_eq!(check(&rules(), &c, 3, year(2026), TODAY), vec![]);
        assert_eq!(check(&rules(), &c, 2, year(2026), TODAY), vec![]);
    }

    #[test]
    fn every_reason_is_listed_at_once() {
        let c = Candidate {
            emails: vec![email("x@example.com")],
            birth_date: None,
            accepted_code_of_conduct: None,
            current_awards: vec![(7, year(2026))],
        };
        let codes: Vec<_> =
            check(&rules(), &c, 7, year(2026), TODAY).iter().map(Ineligibility::code).collect();
        assert_eq!(
            codes,
            vec![
                "sponsor_employee", "age_unknown", "code_of_conduct_not_accepted",
                "already_awarded"
            ]
        );
    }
}
