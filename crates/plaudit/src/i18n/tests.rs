#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_syntax::ast;

use super::*;
use crate::ops::ErrorCode;

/// Every message id of a language, with the variables each one uses.
fn messages(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    for source in lang.sources() {
        let resource = fluent_syntax::parser::parse(source).expect("the catalogue parses");
        for entry in resource.body {
            if let ast::Entry::Message(message) = entry {
                let mut variables = BTreeSet::new();
                if let Some(pattern) = &message.value {
                    collect_variables(pattern, &mut variables);
                }
                let id = message.id.name.to_owned();
                assert!(
                    out.insert(id.clone(), variables).is_none(),
                    "{id} twice in {}",
                    lang.code()
                );
            }
        }
    }
    out
}

fn collect_variables(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            collect_expression(expression, out);
        }
    }
}

fn collect_expression(expression: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            if let ast::InlineExpression::VariableReference { id } = selector {
                out.insert(id.name.to_owned());
            }
            for variant in variants {
                collect_variables(&variant.value, out);
            }
        }
        ast::Expression::Inline(ast::InlineExpression::VariableReference { id }) => {
            out.insert(id.name.to_owned());
        }
        ast::Expression::Inline(_) => {}
    }
}

#[test]
fn every_language_has_exactly_the_messages_english_has_with_the_same_variables() {
    let english = messages(Lang::En);
    for &lang in Lang::ALL {
        let other = messages(lang);
        let missing: Vec<&String> = english.keys().filter(|id| !other.contains_key(*id)).collect();
        let extra: Vec<&String> = other.keys().filter(|id| !english.contains_key(*id)).collect();
        assert!(missing.is_empty(), "{} lacks {missing:?}", lang.code());
        assert!(extra.is_empty(), "{} has messages English lacks: {extra:?}", lang.code());
        for (id, variables) in &english {
            assert_eq!(&other[id], variables, "{} uses other variables in {id}", lang.code());
        }
    }
}

#[test]
fn every_message_formats_cleanly_in_every_language() {
    for &lang in Lang::ALL {
        let bundle = &BUNDLES[&lang];
        for (id, variables) in messages(lang) {
            let mut args = FluentArgs::new();
            for variable in &variables {
                // Numbers where a plural may hang on it, words elsewhere.
                match variable.as_str() {
                    "seconds" | "minutes" | "max" | "min" | "failures" | "day" => {
                        args.set(variable.clone(), FluentValue::from(3))
                    }
                    _ => args.set(variable.clone(), FluentValue::from("sample")),
                }
            }
            let pattern = bundle.get_message(&id).and_then(|m| m.value()).expect("a value");
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
            assert!(errors.is_empty(), "{} {id}: {errors:?}", lang.code());
            assert!(!text.trim().is_empty(), "{} {id} is empty", lang.code());
            assert!(!text.contains('\u{2068}'), "{} {id} has isolation marks", lang.code());
        }
    }
}

#[test]
fn plurals_follow_each_language() {
    let locked = |lang: Lang, minutes: i64| {
        lang.msg(&Msg::new("error-account-locked").arg("minutes", minutes).arg("failures", 5_i64))
    };
    assert!(locked(Lang::En, 1).contains("in 1 minute,"), "{}", locked(Lang::En, 1));
    assert!(locked(Lang::En, 15).contains("in 15 minutes,"));
    assert!(locked(Lang::De, 1).contains("in 1 Minute erneut"), "{}", locked(Lang::De, 1));
    assert!(locked(Lang::De, 15).contains("in 15 Minuten erneut"));
}

#[test]
fn the_reader_gets_their_choice_then_their_browsers_then_the_default() {
    assert_eq!(negotiate(Some("de"), Some("en"), Lang::En), Lang::De);
    assert_eq!(negotiate(None, Some("de-AT,de;q=0.9,en;q=0.5"), Lang::En), Lang::De);
    assert_eq!(negotiate(None, Some("fr, en;q=0.1"), Lang::De), Lang::En);
    assert_eq!(negotiate(None, Some("en;q=0.2, de;q=0.8"), Lang::En), Lang::De);
    assert_eq!(negotiate(None, Some("*"), Lang::De), Lang::De);
    assert_eq!(negotiate(None, Some("de;q=0, fr"), Lang::En), Lang::En);
    assert_eq!(negotiate(None, Some(";;,=garbage"), Lang::De), Lang::De);
    assert_eq!(negotiate(Some("xx"), None, Lang::En), Lang::En);
    assert_eq!(Lang::parse("DE_ch"), Some(Lang::De));
}

#[test]
fn dates_and_numbers_are_written_the_readers_way() {
    let date = jiff::civil::date(2026, 12, 3);
    assert_eq!(Lang::En.date(date), "3 December 2026");
    assert_eq!(Lang::De.date(date), "3. Dezember 2026");
    assert_eq!(Lang::En.number(10_000), "10,000");
    assert_eq!(Lang::De.number(1_234_567), "1.234.567");
    assert_eq!(Lang::En.number(-999), "-999");
    assert_eq!(Lang::De.number(0), "0");
    let at: jiff::Timestamp = "2026-12-03T14:05:09Z".parse().unwrap();
    assert_eq!(Lang::En.instant_utc(at), "3 December 2026, 14:05 UTC");
    assert_eq!(Lang::De.instant_utc(at), "3. Dezember 2026, 14:05 Uhr UTC");
}

/// The message ids code and templates name literally.
fn ids_named_in(dir: &Path, out: &mut BTreeSet<String>) {
    let patterns = ["Msg::new(\"", ".t(\"", ".t_num(\"", ".t_str(\""];
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            ids_named_in(&path, out);
            continue;
        }
        if path.ends_with("i18n/tests.rs") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        for pattern in patterns {
            for (at, _) in text.match_indices(pattern) {
                let rest = &text[at + pattern.len()..];
                if let Some(end) = rest.find('"') {
                    out.insert(rest[..end].to_owned());
                }
            }
        }
    }
}

/// Ids code computes rather than names: one per error code (and its page title), role and
/// month.
fn computed_ids() -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for code in ErrorCode::ALL {
        ids.insert(code.message_id().to_owned());
        ids.insert(format!("{}-title", code.message_id()));
    }
    for role in ["visitor", "member", "candidate", "awardee", "reviewer", "product_team", "admin"] {
        ids.insert(format!("role-{role}"));
    }
    for month in 1..=12 {
        ids.insert(format!("month-{month}"));
        ids.insert(format!("month-short-{month}"));
    }
    use plaudit_domain::kinds::{
        Audience, ContributionRole, ContributionType, ReachMetric, Visibility,
    };
    for t in ContributionType::ALL {
        ids.insert(format!("contribution-type-{}", t.as_str()));
    }
    for r in ContributionRole::ALL {
        ids.insert(format!("contribution-role-{}", r.as_str()));
    }
    for v in Visibility::ALL {
        ids.insert(format!("visibility-{}", v.as_str()));
    }
    for a in Audience::ALL {
        ids.insert(format!("audience-{}", a.as_str()));
    }
    for m in ReachMetric::ALL {
        ids.insert(format!("reach-{}", m.as_str()));
    }
    // The import page explains every column but the reach figures by its own words.
    for name in plaudit_domain::contribution::field::ALL {
        ids.insert(format!("import-column-{name}"));
    }
    for v in plaudit_domain::Vote::ALL {
        ids.insert(format!("vote-{}", v.as_str()));
    }
    for v in [plaudit_domain::Vote::Award, plaudit_domain::Vote::Decline] {
        ids.insert(format!("review-advice-{}", v.as_str()));
    }
    for r in plaudit_domain::AwardEndReason::ALL {
        ids.insert(format!("award-end-reason-{}", r.as_str()));
    }
    for s in plaudit_domain::CandidacyState::ALL {
        ids.insert(format!("candidacy-state-{}", s.as_str()));
        ids.insert(format!("dashboard-state-{}", s.as_str()));
    }
    // The settings page names what a save changed, and labels the ways to combine scores.
    for field in crate::ops::settings::FIELDS {
        ids.insert(format!("settings-field-{field}"));
        ids.insert(format!("settings-label-{field}"));
    }
    for a in plaudit_domain::kinds::ScoreAggregation::ALL {
        ids.insert(format!("settings-aggregation-{}", a.as_str()));
    }
    // The cycle form labels and explains each date; the cycles name each phase.
    for field in crate::ops::cycles::DATE_FIELDS {
        ids.insert(format!("cycles-label-{field}"));
        ids.insert(format!("cycles-hint-{field}"));
    }
    for phase in ["upcoming", "nominations_open", "contributions_open", "in_review", "announced"] {
        ids.insert(format!("cycles-phase-{phase}"));
    }
    // The directory labels its facets and its two lists by their codes; a profile says since
    // when its person has been an awardee, or was one.
    for facet in plaudit_domain::directory::Facet::ALL {
        ids.insert(format!("directory-facet-{}", facet.as_str()));
    }
    for status in ["current", "alumni"] {
        ids.insert(format!("directory-status-{status}"));
    }
    for id in
        ["directory-title-alumni", "profile-public-awardee-since", "profile-public-alumni-since"]
    {
        ids.insert(id.to_owned());
    }
    // A credential's verification page says why it fails by the verifier's finding; the
    // credential itself states its achievement in the program's words.
    use plaudit_badges::Problem;
    for problem in [
        Problem::Malformed(String::new()),
        Problem::UnknownKey,
        Problem::BadSignature,
        Problem::NotYetValid,
        Problem::Expired,
        Problem::Revoked,
        Problem::StatusListInvalid,
    ] {
        ids.insert(crate::ops::badges::problem_message_id(&problem).to_owned());
    }
    ids.insert("credential-achievement-description".to_owned());
    ids.insert("credential-criteria".to_owned());
    ids.insert("feed-awardee-title".to_owned());
    ids.insert("feed-awardee-summary".to_owned());
    // Country and language names are looked up by the codes people typed.
    for line in include_str!("../../locales/en/places.ftl").lines() {
        if let Some((id, _)) = line.split_once(" = ") {
            ids.insert(id.to_owned());
        }
    }
    // The exports page names and describes every kind of export.
    for kind in crate::ops::exports::ExportKind::ALL {
        let (title, description) = kind.message_ids();
        ids.insert(title.to_owned());
        ids.insert(description.to_owned());
    }
    // Feedback threads show their status and severity in people's words.
    for &status in plaudit_domain::FeedbackStatus::ALL {
        ids.insert(crate::ops::feedback::status_message_id(status));
    }
    for &severity in plaudit_domain::FeedbackSeverity::ALL {
        ids.insert(crate::ops::feedback::severity_message_id(severity));
    }
    // AMA pages name an AMA's status, and each question state, its tab and its list, by code.
    for status in plaudit_domain::AmaStatus::ALL {
        ids.insert(format!("ama-status-{}", status.as_str()));
    }
    for state in plaudit_domain::AmaQuestionState::ALL {
        for prefix in ["ama-state", "ama-tab", "ama-list"] {
            ids.insert(format!("{prefix}-{}", state.as_str()));
        }
    }
    // The import pages name each kind of source, explain it, say what a locator of it looks
    // like, and say why a source could not be read.
    for kind in crate::ops::imports::KINDS {
        ids.insert(format!("import-kind-{}", kind.as_str()));
        ids.insert(format!("import-kind-{}-hint", kind.as_str()));
        ids.insert(crate::ops::imports::locator_problem_id(*kind).to_owned());
    }
    for failure in plaudit_import::FailureKind::ALL {
        ids.insert(format!("import-failure-{}", failure.as_str()));
    }
    // And why an entry of one could not be read.
    for reason in plaudit_import::ReasonKind::ALL {
        ids.insert(format!("import-problem-{}", reason.as_str()));
    }
    // A suggested merge says which identity the two people share.
    for kind in plaudit_import::IdentityKind::ALL {
        ids.insert(format!("admin-imports-reason-same_{}", kind.as_str()));
    }
    ids.insert(format!("admin-imports-reason-{}", crate::ops::merges::SAME_EMAIL));
    // The audit log page names every action and every family of actions.
    for &action in crate::ops::audit::AuditAction::ALL {
        ids.insert(crate::ops::audit_log::action_message_id(action));
    }
    for family in crate::ops::audit_log::families() {
        ids.insert(crate::ops::audit_log::family_message_id(family));
    }
    ids
}

fn used_ids() -> BTreeSet<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut ids = computed_ids();
    ids_named_in(&root.join("src"), &mut ids);
    ids_named_in(&root.join("templates"), &mut ids);
    ids
}

#[test]
fn every_message_code_and_templates_use_is_in_every_catalogue() {
    for &lang in Lang::ALL {
        let known = messages(lang);
        let missing: Vec<String> =
            used_ids().into_iter().filter(|id| !known.contains_key(id)).collect();
        assert!(missing.is_empty(), "{} lacks {missing:?}", lang.code());
    }
}

#[test]
fn no_catalogue_has_a_message_nothing_uses() {
    let used = used_ids();
    let unused: Vec<String> =
        messages(Lang::En).into_keys().filter(|id| !used.contains(id)).collect();
    assert!(unused.is_empty(), "messages nothing uses: {unused:?}");
}

#[test]
fn every_role_a_route_can_need_has_a_name() {
    for access in crate::auth::Access::ALL {
        assert_ne!(
            Lang::De.t(&format!("role-{}", access.code())),
            format!("role-{}", access.code())
        );
    }
}
