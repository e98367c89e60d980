//! The demo's contributions, generated on a thread of their own so that the database writes one
//! chunk while the next is being made.

use jiff::ToSpan;
use jiff::civil::Date;
use plaudit_domain::kinds::{
    Audience, ContributionRole, ContributionSource, ContributionType, ReachMetric, Visibility,
};
use plaudit_domain::parse::Slug;
use plaudit_domain::standing::ContributionFacts;
use plaudit_store::bulk::{Rows, Value};
use tokio::sync::mpsc;

use super::dice::Dice;
use super::words::{BLOG_HOSTS, CATEGORIES};
use super::{micros, title};

pub const COLUMNS: &[&str] = &[
    "id", "person_id", "contribution_type", "title", "description", "private_note", "started_on",
    "ended_on", "url", "canonical_url", "primary_area_id", "person_role", "visibility",
    "high_impact", "source", "source_ref", "views", "live_views", "on_demand_views", "attendees",
    "sessions", "subscribers", "copies_sold", "answers", "stars", "downloads", "people_mentored",
    "created_at", "updated_at",
];
/// The reach columns the demo fills: those of the first release's schema, so the upgrade test
/// can write the demo there (a score comes only from an import).
const REACH_COLUMNS: usize = 11;
const AUDIENCE_COLUMNS: &[&str] = &["contribution_id", "audience"];
const AREA_COLUMNS: &[&str] = &["contribution_id", "technology_area_id"];

/// Someone who may contribute, with their share of the work.
pub struct Contributor {
    pub id: i64,
    pub slug: String,
    pub weight: f64,
    pub category: usize,
}

/// Everything the generator needs, owned, so it can move to its thread.
pub struct Plan {
    pub total: usize,
    pub today: Date,
    /// Contributions are dated between this day and today.
    pub since: Date,
    pub people: Vec<Contributor>,
    /// Technology area ids per category index.
    pub areas: Vec<Vec<i64>>,
    pub first_id: i64,
    pub chunk_rows: usize,
}

pub struct Chunk {
    pub contributions: Rows,
    pub audiences: Rows,
    pub areas: Rows,
}

impl Chunk {
    fn new() -> Chunk {
        Chunk {
            contributions: Rows::new("contribution", COLUMNS),
            audiences: Rows::new("contribution_audience", AUDIENCE_COLUMNS),
            areas: Rows::new("contribution_area", AREA_COLUMNS),
        }
    }
}

/// Starts generating; chunks arrive in order on the receiver, which closes when all are made.
/// Two chunks in flight bound the memory used.
pub fn spawn(plan: Plan, dice: Dice) -> mpsc::Receiver<Chunk> {
    let (sender, receiver) = mpsc::channel(2);
    std::thread::spawn(move || {
        let mut sink = Rows2Chunks { chunk: Chunk::new(), chunk_rows: plan.chunk_rows, sender };
        generate(&plan, dice, &mut sink);
        let _ = sink.sender.blocking_send(sink.chunk);
    });
    receiver
}

/// What the same plan and dice generate, as the domain scores it: each person's contributions
/// (in the plan's order of people). The demo decides its history from these before it writes
/// the rows, which the same plan and dice then generate again, identical.
pub fn facts(plan: &Plan, dice: Dice) -> Vec<Vec<ContributionFacts>> {
    let mut sink = Facts(vec![Vec::new(); plan.people.len()]);
    generate(plan, dice, &mut sink);
    sink.0
}

/// Where generated contributions go.
trait Sink {
    fn contribution(&mut self, person: usize, facts: ContributionFacts, row: Vec<Value>);
    fn audience(&mut self, row: [Value; 2]);
    fn area(&mut self, row: [Value; 2]);
    /// A person's contributions are all made; false: stop.
    fn person_done(&mut self) -> bool;
}

struct Rows2Chunks {
    chunk: Chunk,
    chunk_rows: usize,
    sender: mpsc::Sender<Chunk>,
}

impl Sink for Rows2Chunks {
    fn contribution(&mut self, _: usize, _: ContributionFacts, row: Vec<Value>) {
        self.chunk.contributions.push(row);
    }
    fn audience(&mut self, row: [Value; 2]) {
        self.chunk.audiences.push(row);
    }
    fn area(&mut self, row: [Value; 2]) {
        self.chunk.areas.push(row);
    }
    fn person_done(&mut self) -> bool {
        if self.chunk.contributions.len() < self.chunk_rows {
            return true;
        }
        let full = std::mem::replace(&mut self.chunk, Chunk::new());
        // The writer gave up (an error): stop generating.
        self.sender.blocking_send(full).is_ok()
    }
}

struct Facts(Vec<Vec<ContributionFacts>>);

impl Sink for Facts {
    fn contribution(&mut self, person: usize, facts: ContributionFacts, _: Vec<Value>) {
        self.0[person].push(facts);
    }
    fn audience(&mut self, _: [Value; 2]) {}
    fn area(&mut self, _: [Value; 2]) {}
    fn person_done(&mut self) -> bool {
        true
    }
}

fn generate(plan: &Plan, mut dice: Dice, sink: &mut impl Sink) {
    let weight_sum: f64 = plan.people.iter().map(|p| p.weight).sum::<f64>().max(1.0);
    let window_days = (plan.today - plan.since).get_days().max(1) as u64;
    let mut id = plan.first_id;
    let mut written = 0usize;
    let mut carry = 0.0f64;
    for (index, person) in plan.people.iter().enumerate() {
        if written >= plan.total {
            break;
        }
        // Each person's share, carried so the shares add up to exactly the total.
        carry += person.weight / weight_sum * plan.total as f64;
        let count = (carry.floor() as usize).min(plan.total - written);
        carry -= carry.floor();
        let areas = &plan.areas[person.category];
        for _ in 0..count {
            let kind = *dice.pick_weighted(CONTRIBUTION_MIX);
            // Recent years hold more work: the square pulls dates toward today.
            let back = (dice.unit().powf(1.3) * window_days as f64) as i64;
            let started = plan.today.saturating_sub(back.days());
            let area = *dice.pick(areas);
            let area_name = CATEGORIES[person.category].2[(area - areas[0]) as usize];
            let title = title(&mut dice, area_name);
            let url = format!(
                "https://{}.{}/{}/{}-{id}",
                person.slug,
                dice.pick(BLOG_HOSTS),
                started.year(),
                Slug::from_title(&title)
            );
            let mut reach: [Value; REACH_COLUMNS] = std::array::from_fn(|_| Value::Null);
            let mut reach_facts = Vec::new();
            if let Some(metric) = kind.primary_reach_metric() {
                let figure = reach_figure(&mut dice, metric);
                if let Some(column) = metric_column(metric) {
                    reach[column] = Value::Int(figure);
                }
                reach_facts.push((metric, figure.max(0) as u64));
            }
            let visibility = match dice.below(20) {
                0 => Visibility::Private,
                1 | 2 => Visibility::ProgramOnly,
                _ => Visibility::Public,
            };
            let source = source_for(kind, &mut dice);
            let created = micros(started, 600 + dice.below(600) as i64);
            let private_note = if dice.chance(0.05) {
                "Co-written with a colleague; my part was the code samples."
            } else {
                ""
            };
            let mut row: Vec<Value> = vec![
                id.into(),
                person.id.into(),
                kind.as_str().into(),
                title.into(),
                format!("{} about {area_name}.", kind.label()).into(),
                private_note.into(),
                started.to_string().into(),
                Value::Null,
                url.clone().into(),
                url.into(),
                area.into(),
                role_for(kind).as_str().into(),
                visibility.as_str().into(),
                dice.chance(0.03).into(),
                source.as_str().into(),
                Value::Null,
            ];
            row.extend(reach);
            row.push(created.into());
            row.push(created.into());
            let facts = ContributionFacts {
                id,
                contribution_type: kind,
                date: started,
                end: None,
                reach: reach_facts,
            };
            sink.contribution(index, facts, row);
            if dice.chance(0.3) {
                let audience = *dice.pick(Audience::ALL);
                sink.audience([id.into(), audience.as_str().into()]);
            }
            if dice.chance(0.1) {
                let other = *dice.pick(areas);
                if other != area {
                    sink.area([id.into(), other.into()]);
                }
            }
            id += 1;
            written += 1;
        }
        if !sink.person_done() {
            return;
        }
    }
}

fn metric_column(metric: ReachMetric) -> Option<usize> {
    Some(match metric {
        ReachMetric::Views => 0,
        ReachMetric::LiveViews => 1,
        ReachMetric::OnDemandViews => 2,
        ReachMetric::Attendees => 3,
        ReachMetric::Sessions => 4,
        ReachMetric::Subscribers => 5,
        ReachMetric::CopiesSold => 6,
        ReachMetric::Answers => 7,
        ReachMetric::Stars => 8,
        ReachMetric::Downloads => 9,
        ReachMetric::PeopleMentored => 10,
        ReachMetric::Score => return None,
    })
}

/// A reach figure from a Pareto distribution: most items reach a few dozen people, a few go
/// viral.
fn reach_figure(dice: &mut Dice, metric: ReachMetric) -> i64 {
    let (scale, cap) = match metric {
        ReachMetric::Views | ReachMetric::OnDemandViews => (120.0, 5_000_000.0),
        ReachMetric::LiveViews => (40.0, 200_000.0),
        ReachMetric::Attendees => (25.0, 20_000.0),
        ReachMetric::Sessions => (1.0, 60.0),
        ReachMetric::Subscribers => (80.0, 2_000_000.0),
        ReachMetric::CopiesSold => (50.0, 100_000.0),
        ReachMetric::Answers => (5.0, 5_000.0),
        ReachMetric::Stars => (10.0, 150_000.0),
        ReachMetric::Downloads => (200.0, 50_000_000.0),
        ReachMetric::PeopleMentored => (1.0, 200.0),
        ReachMetric::Score => (2.0, 30_000.0),
    };
    dice.pareto(scale, 1.15).min(cap).round() as i64
}

/// The mix of contribution types, by weight: posts, answers and talks are common.
const CONTRIBUTION_MIX: &[(ContributionType, u32)] = &[
    (ContributionType::BlogPost, 220),
    (ContributionType::ForumAnswers, 180),
    (ContributionType::SocialMedia, 90),
    (ContributionType::SpeakingMeetup, 70),
    (ContributionType::SpeakingConference, 45),
    (ContributionType::Video, 60),
    (ContributionType::OpenSourceProject, 50),
    (ContributionType::CodeSample, 45),
    (ContributionType::Article, 35),
    (ContributionType::Podcast, 25),
    (ContributionType::MeetupOrganizing, 25),
    (ContributionType::Workshop, 20),
    (ContributionType::Documentation, 20),
    (ContributionType::Mentorship, 20),
    (ContributionType::ProductFeedback, 20),
    (ContributionType::Translation, 10),
    (ContributionType::ForumModeration, 10),
    (ContributionType::AmaAnswers, 10),
    (ContributionType::ConferenceOrganizing, 6),
    (ContributionType::SpeakingSponsorEvent, 8),
    (ContributionType::ConferenceBooth, 5),
    (ContributionType::SiteOwner, 4),
    (ContributionType::CommunityLeadership, 5),
    (ContributionType::Book, 2),
    (ContributionType::Other, 5),
];

fn role_for(kind: ContributionType) -> ContributionRole {
    use ContributionType as T;
    match kind {
        T::SpeakingConference | T::SpeakingMeetup | T::SpeakingSponsorEvent => {
            ContributionRole::Speaker
        }
        T::Workshop => ContributionRole::Presenter,
        T::ConferenceOrganizing | T::MeetupOrganizing | T::ConferenceBooth => {
            ContributionRole::Organizer
        }
        T::ForumModeration => ContributionRole::Moderator,
        T::Podcast | T::Video | T::SiteOwner => ContributionRole::Host,
        T::OpenSourceProject | T::Documentation | T::Translation | T::ProductFeedback => {
            ContributionRole::Contributor
        }
        _ => ContributionRole::Author,
    }
}

fn source_for(kind: ContributionType, dice: &mut Dice) -> ContributionSource {
    use ContributionType as T;
    match kind {
        T::BlogPost | T::Article if dice.chance(0.6) => ContributionSource::Feed,
        T::Video if dice.chance(0.6) => ContributionSource::Youtube,
        T::OpenSourceProject | T::CodeSample if dice.chance(0.6) => ContributionSource::Github,
        T::ForumAnswers if dice.chance(0.7) => ContributionSource::StackExchange,
        T::SpeakingConference | T::SpeakingMeetup if dice.chance(0.5) => {
            ContributionSource::Sessionize
        }
        T::AmaAnswers => ContributionSource::Ama,
        _ if dice.chance(0.1) => ContributionSource::Csv,
        _ => ContributionSource::Manual,
    }
}
