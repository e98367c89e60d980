//! A repository as an AMA uses it: 25 items over three pages of ten, three of them pull
//! requests, questions open and answered, comments on several, labels as tags.

use std::time::Duration;

use jiff::Timestamp;

use super::{FakeGitHub, NewIssue, RepoDetails};
use crate::{IssueState, StateReason};

/// What [`FakeGitHub::seed_ama`] put in the repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seeded {
    /// The questions' numbers (issues, not pull requests).
    pub issues: Vec<u64>,
    /// The pull requests' numbers: the issues endpoint lists them, the client must not.
    pub pull_requests: Vec<u64>,
    /// Issues with comments, and how many.
    pub comments: Vec<(u64, usize)>,
}

const QUESTIONS: [&str; 22] = [
    "How did you get started in open source?",
    "What is your review process for large pull requests?",
    "How do you avoid burnout as a maintainer?",
    "Which Rust crate surprised you the most this year?",
    "How do you decide what goes into a release?",
    "What would you tell your first-year self?",
    "How do you mentor new contributors?",
    "Is async Rust ready for embedded work?",
    "How do you handle a hostile issue thread?",
    "Do you plan to support Windows?",
    "What does a good first issue look like?",
    "How do you fund the project?",
    "Which talk of yours are you proudest of?",
    "How do you keep documentation from going stale?",
    "What did moving to a foundation change?",
    "How do you balance a day job and maintenance?",
    "Which metrics do you watch for community health?",
    "What is the hardest bug you have fixed?",
    "How do you say no to a feature request?",
    "What is next for the project?",
    "How do you run a community call?",
    "Any advice for a first conference talk?",
];

const PULL_REQUESTS: [(u64, &str); 3] = [
    (7, "Fix a typo in the README"),
    (13, "Add a CONTRIBUTING guide"),
    (21, "Bump the minimum Rust version"),
];

const ASKERS: [&str; 5] = ["alice", "bob", "carol", "dmitri", "eun-ji"];
const TOPICS: [&str; 4] = ["rust", "career", "open-source", "community"];

fn hours(n: u64) -> Duration {
    Duration::from_secs(n * 3600)
}

impl FakeGitHub {
    /// Fills `repo` (created if need be) with 25 items, numbers 1 to 25: 22 questions and the
    /// pull requests 7, 13 and 21. Every fourth question is answered (closed as completed,
    /// with the host's comment), #10 is closed as not planned; #2 has 12 comments (two pages
    /// of ten). Created 6 hours apart from 2024-01-08, updated in another order, so `sort`
    /// and `direction` matter.
    pub fn seed_ama(&self, repo: &str) -> Seeded {
        self.add_repo(repo);
        self.add_label(repo, "question", "d876e3", Some("Further information is requested"));
        self.add_label(repo, "rust", "dea584", Some("About Rust"));
        self.add_label(repo, "career", "0e8a16", Some("Careers and growing in them"));
        self.add_label(repo, "open-source", "1d76db", Some("Maintaining open source"));
        self.add_label(repo, "community", "fbca04", Some("Events and people"));
        let start = Timestamp::from_second(1_704_704_400).unwrap_or(Timestamp::UNIX_EPOCH); // 2024-01-08T09:00Z
        let host = self.login().to_owned();
        let mut seeded =
            Seeded { issues: Vec::new(), pull_requests: Vec::new(), comments: Vec::new() };
        let mut questions = QUESTIONS.iter();
        for n in 1..=25_u64 {
            let created = start.saturating_add(hours(6 * n)).unwrap_or(start);
            let updated = created.saturating_add(hours((n * 17) % 40)).unwrap_or(created);
            let asker = ASKERS[(n as usize) % ASKERS.len()];
            let mut new;
            if let Some((_, title)) = PULL_REQUESTS.iter().find(|(number, _)| *number == n) {
                new = NewIssue::new(title, "bob", created);
                new.pull_request = true;
                new.body = Some("A small change.".to_owned());
                if n == 13 {
                    new.state = IssueState::Closed;
                }
            } else {
                let title = questions.next().copied().unwrap_or("Another question");
                new = NewIssue::new(title, asker, created);
                new.body = (n % 3 != 0).then(|| format!("{title} I would love to hear about it."));
                if n % 5 != 0 {
                    new.labels =
                        vec!["question".to_owned(), TOPICS[(n as usize) % TOPICS.len()].to_owned()];
                }
                if n % 4 == 0 {
                    new.state = IssueState::Closed;
                    new.state_reason = Some(StateReason::Completed);
                } else if n == 10 {
                    new.state = IssueState::Closed;
                    new.state_reason = Some(StateReason::NotPlanned);
                }
            }
            new.updated_at = updated;
            let pull_request = new.pull_request;
            let answered = new.state == IssueState::Closed && !pull_request;
            let number = self.add_issue(repo, new);
            if pull_request {
                seeded.pull_requests.push(number);
                continue;
            }
            seeded.issues.push(number);
            let count = match n {
                2 => 12,
                1 | 3 | 5 => (n as usize % 3) + 1,
                _ if answered => 1,
                _ => 0,
            };
            for k in 0..count {
                let at = created
                    .saturating_add(Duration::from_secs(60 * (k as u64 + 1)))
                    .unwrap_or(created);
                let (user, body) = if answered || k % 2 == 1 {
                    (host.as_str(), format!("Thanks for asking! Answer {}.", k + 1))
                } else {
                    (ASKERS[(n as usize + k + 1) % ASKERS.len()], "Me too".to_owned())
                };
                self.add_comment(repo, number, user, &body, at);
            }
            if count > 0 {
                seeded.comments.push((number, count));
            }
        }
        seeded
    }
}

/// What [`FakeGitHub::seed_contributor`] put in the fake, for tests to compare with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contributor {
    /// The login, as the fake spells it.
    pub login: String,
    /// `owner/name` of the public repositories the login owns that are not forks, most
    /// recently pushed first.
    pub owned: Vec<String>,
    /// `(owner/name, number)` of the issues and pull requests the login opened in public
    /// repositories, newest first.
    pub authored: Vec<(String, u64)>,
}

/// A moment given as text in the seed below; the fake's start of time if it is not one.
fn at(text: &str) -> Timestamp {
    text.parse().unwrap_or_else(|_| super::start_of_time())
}

/// `(repository, title, pull request, created, merged)` for what the contributor opened.
const AUTHORED: [(&str, &str, bool, &str, Option<&str>); 10] = [
    (
        "acme-org/widgets",
        "Fix off-by-one in the pager",
        true,
        "2023-03-14T10:00:00Z",
        Some("2023-03-16T08:00:00Z"),
    ),
    (
        "acme-org/widgets", "Crash when the config file is empty", false, "2023-05-02T12:30:00Z",
        None,
    ),
    (
        "open-data/atlas",
        "Document the export format",
        true,
        "2023-09-21T16:45:00Z",
        Some("2023-09-25T09:10:00Z"),
    ),
    ("open-data/atlas", "Speed up tile rendering", true, "2024-01-08T07:20:00Z", None),
    ("acme-org/widgets", "Add a Dutch translation", true, "2024-02-29T18:05:00Z", None),
    (
        "{login}/tidy-tables",
        "Release 1.0",
        true,
        "2024-04-10T11:00:00Z",
        Some("2024-04-10T11:30:00Z"),
    ),
    ("open-data/atlas", "Support GeoJSON text sequences", false, "2024-06-17T09:00:00Z", None),
    ("hidden-corp/internal", "Private work nobody may see", true, "2024-07-01T09:00:00Z", None),
    (
        "rustaceans/cookbook",
        "Recipe: reading CSV with serde & csv",
        true,
        "2024-11-05T14:00:00Z",
        Some("2024-11-20T10:00:00Z"),
    ),
    ("rustaceans/cookbook", "Typo in the \"Errors\" chapter", false, "2025-02-03T08:00:00Z", None),
];

impl FakeGitHub {
    /// Fills the fake with one contributor's public work: repositories `login` owns (two with
    /// stars, an archived one, a fork and a private one, which a public listing leaves out) and
    /// ten issues and pull requests they opened across five repositories (one of them private,
    /// which an `is:public` search leaves out), four of the pull requests merged, among others'
    /// issues. Run it once per login.
    pub fn seed_contributor(&self, login: &str) -> Contributor {
        let owned = [
            (
                "tidy-tables", "Pretty tables for the terminal", "Rust", 1280, 54,
                "2022-03-10T09:00:00Z", "2025-01-20T17:00:00Z", false, false, false,
            ),
            (
                "lantern",
                "A static site generator for small notebooks",
                "TypeScript",
                45,
                6,
                "2023-06-01T12:00:00Z",
                "2024-12-02T08:00:00Z",
                false,
                false,
                false,
            ),
            (
                "old-experiment", "", "Go", 7, 0, "2019-11-11T11:11:00Z", "2020-02-02T02:02:00Z",
                false, false, true,
            ),
            (
                "serde", "A fork to try one patch", "Rust", 0, 0, "2024-03-01T10:00:00Z",
                "2024-03-02T10:00:00Z", true, false, false,
            ),
            (
                "diary", "Notes to self", "Markdown", 0, 0, "2021-01-01T00:00:00Z",
                "2024-08-08T08:00:00Z", false, true, false,
            ),
        ];
        for (name, description, language, stars, forks, created, pushed, fork, private, archived) in
            owned
        {
            self.set_repo_details(
                &format!("{login}/{name}"),
                RepoDetails {
                    description: (!description.is_empty()).then(|| description.to_owned()),
                    language: Some(language.to_owned()),
                    stars,
                    forks,
                    fork,
                    private,
                    archived,
                    created_at: at(created),
                    pushed_at: at(pushed),
                },
            );
        }
        for other in ["acme-org/widgets", "open-data/atlas", "rustaceans/cookbook"] {
            self.set_repo_details(other, RepoDetails { stars: 300, ..RepoDetails::default() });
            // Others' work in the same repositories, which the search must not return.
            let mut new =
                NewIssue::new("Someone else's question", "bob", at("2024-05-05T05:05:00Z"));
            new.body = Some("Not the contributor's.".to_owned());
            self.add_issue(other, new);
        }
        self.set_repo_details(
            "hidden-corp/internal",
            RepoDetails { private: true, ..RepoDetails::default() },
        );
        let mut authored = Vec::new();
        for (repo, title, pull_request, created, merged) in AUTHORED {
            let repo = repo.replace("{login}", login);
            let mut new = NewIssue::new(title, login, at(created));
            new.pull_request = pull_request;
            new.body = Some(format!("{title}, in more words."));
            let number = self.add_issue(&repo, new);
            if let Some(merged) = merged {
                self.merge_pull_request(&repo, number, at(merged));
            }
            if repo != "hidden-corp/internal" {
                authored.push((repo, number));
            }
        }
        authored.reverse();
        Contributor {
            login: login.to_owned(),
            owned: vec![
                format!("{login}/tidy-tables"),
                format!("{login}/lantern"),
                format!("{login}/old-experiment"),
            ],
            authored,
        }
    }
}
