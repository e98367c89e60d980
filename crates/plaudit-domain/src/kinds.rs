//! The stable vocabularies of the program.
//!
//! Each value has a snake_case name that is stored in the database and used in
//! the API ([`as_str`](ContributionType::as_str), parsed back by `FromStr`), and
//! an English label for people. The stored names never change once released;
//! labels may. `Display` writes the stored name, so it round-trips with
//! `FromStr`.

use std::fmt;
use std::str::FromStr;

use crate::parse::ParseError;

/// Declares a vocabulary enum with its stored names, labels, `ALL`, `FromStr`
/// and `Display`.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        pub enum $name:ident ($kind:literal) {
            $( $(#[$vmeta:meta])* $variant:ident = $stored:literal, $label:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [Self] = &[ $( Self::$variant, )+ ];

            /// The stable snake_case name stored in the database.
            pub fn as_str(self) -> &'static str {
                match self { $( Self::$variant => $stored, )+ }
            }

            /// The English name for people.
            pub fn label(self) -> &'static str {
                match self { $( Self::$variant => $label, )+ }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::parse::ParseError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $( $stored => Ok(Self::$variant), )+
                    _ => Err($crate::parse::ParseError::UnknownKind {
                        kind: $kind,
                        value: s.to_string(),
                    }),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use vocabulary;

vocabulary! {
    /// What kind of community work a contribution is.
    pub enum ContributionType ("contribution type") {
        BlogPost = "blog_post", "Blog post";
        Article = "article", "Article";
        Book = "book", "Book or e-book";
        CodeSample = "code_sample", "Code sample or project";
        OpenSourceProject = "open_source_project", "Open-source project";
        Documentation = "documentation", "Documentation";
        ConferenceOrganizing = "conference_organizing", "Conference organizing";
        ConferenceBooth = "conference_booth", "Conference booth";
        MeetupOrganizing = "meetup_organizing", "User group or meetup organizing";
        ForumModeration = "forum_moderation", "Forum moderation";
        ForumAnswers = "forum_answers", "Forum and Q&A answers";
        AmaAnswers = "ama_answers", "AMA answers";
        Mentorship = "mentorship", "Mentorship";
        ProductFeedback = "product_feedback", "Product feedback";
        SiteOwner = "site_owner", "Site owner";
        SpeakingConference = "speaking_conference", "Speaking (conference)";
        SpeakingMeetup = "speaking_meetup", "Speaking (user group or meetup)";
        SpeakingSponsorEvent = "speaking_sponsor_event", "Speaking (sponsor's event)";
        SocialMedia = "social_media", "Technical social media";
        Translation = "translation", "Translation and review";
        Video = "video", "Video or livestream";
        Podcast = "podcast", "Podcast";
        Workshop = "workshop", "Workshop";
        CommunityLeadership = "community_leadership", "Community leadership";
        Other = "other", "Other";
    }
}

impl ContributionType {
    /// How many types there are (the length of [`ContributionType::ALL`]).
    pub const COUNT: usize = 25;

    /// The position of this type in [`ContributionType::ALL`]: lets hot loops
    /// index a fixed array instead of hashing.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The reach figures that make sense for this type, the primary one first.
    pub fn reach_metrics(self) -> &'static [ReachMetric] {
        use ContributionType as T;
        use ReachMetric as M;
        match self {
            T::BlogPost | T::Article | T::Documentation | T::Translation => &[M::Views],
            T::Book => &[M::CopiesSold],
            T::CodeSample => &[M::Stars, M::Downloads, M::Views],
            T::OpenSourceProject => &[M::Stars, M::Downloads],
            T::ConferenceOrganizing | T::MeetupOrganizing => &[M::Attendees, M::Sessions],
            T::ConferenceBooth => &[M::Attendees],
            // Moderation, feedback and leadership have no honest audience figure.
            T::ForumModeration | T::ProductFeedback | T::CommunityLeadership => &[],
            T::ForumAnswers => &[M::Answers, M::Views, M::Score],
            T::AmaAnswers => &[M::Answers, M::Views],
            T::Mentorship => &[M::PeopleMentored, M::Sessions],
            T::SiteOwner => &[M::Views, M::Subscribers],
            T::SpeakingConference | T::SpeakingMeetup | T::SpeakingSponsorEvent => {
                &[M::Attendees, M::OnDemandViews]
            }
            T::SocialMedia => &[M::Views, M::Subscribers],
            T::Video => &[M::Views, M::LiveViews, M::OnDemandViews, M::Subscribers],
            // Views of a podcast episode are its listens.
            T::Podcast => &[M::Views, M::Subscribers],
            T::Workshop => &[M::Attendees, M::Sessions],
            T::Other => ReachMetric::ALL,
        }
    }

    /// The reach figure a rubric rewards by default for this type.
    pub fn primary_reach_metric(self) -> Option<ReachMetric> {
        self.reach_metrics().first().copied()
    }

    /// What to call a reach figure on this type's form ("Listens" for a
    /// podcast's views, "Followers" for social media subscribers).
    pub fn reach_label(self, metric: ReachMetric) -> &'static str {
        match (self, metric) {
            (ContributionType::Podcast, ReachMetric::Views) => "Listens",
            (ContributionType::SocialMedia, ReachMetric::Subscribers) => "Followers",
            (ContributionType::SiteOwner, ReachMetric::Subscribers) => "Members",
            _ => metric.label(),
        }
    }
}

vocabulary! {
    /// A reach figure recorded on a contribution.
    pub enum ReachMetric ("reach metric") {
        Views = "views", "Views";
        LiveViews = "live_views", "Live views";
        OnDemandViews = "on_demand_views", "On-demand views";
        Attendees = "attendees", "Attendees";
        Sessions = "sessions", "Sessions";
        Subscribers = "subscribers", "Subscribers";
        CopiesSold = "copies_sold", "Copies sold";
        Answers = "answers", "Answers";
        Stars = "stars", "Stars";
        Downloads = "downloads", "Downloads";
        PeopleMentored = "people_mentored", "People mentored";
        /// Votes up minus votes down, as Q&A sites count an answer's reception.
        Score = "score", "Score";
    }
}

vocabulary! {
    /// Who a contribution is for.
    pub enum Audience ("audience") {
        Developer = "developer", "Developer";
        TechnicalDecisionMaker = "technical_decision_maker", "Technical decision maker";
        BusinessDecisionMaker = "business_decision_maker", "Business decision maker";
        Student = "student", "Student";
        ItPro = "it_pro", "IT pro";
        EndUser = "end_user", "End user";
    }
}

vocabulary! {
    /// The person's part in a contribution.
    pub enum ContributionRole ("contribution role") {
        Author = "author", "Author";
        CoAuthor = "co_author", "Co-author";
        Contributor = "contributor", "Contributor";
        Host = "host", "Host";
        Moderator = "moderator", "Moderator";
        Organizer = "organizer", "Organizer";
        Panelist = "panelist", "Panelist";
        Presenter = "presenter", "Presenter";
        Speaker = "speaker", "Speaker";
    }
}

vocabulary! {
    /// Who may see a contribution.
    pub enum Visibility ("visibility") {
        /// Anyone, on the public profile.
        Public = "public", "Public";
        /// Awardees, reviewers and admins.
        ProgramOnly = "program_only", "Program only";
        /// The person, reviewers of their candidacies and admins.
        Private = "private", "Private";
    }
}

vocabulary! {
    /// How a contribution got into Plaudit.
    pub enum ContributionSource ("contribution source") {
        Manual = "manual", "Typed in";
        Csv = "csv", "CSV import";
        Feed = "feed", "Blog feed";
        Youtube = "youtube", "YouTube";
        Github = "github", "GitHub";
        StackExchange = "stack_exchange", "Stack Exchange";
        Sessionize = "sessionize", "Sessionize";
        Ama = "ama", "AMA";
        ProductFeedback = "product_feedback", "Product feedback";
    }
}

vocabulary! {
    /// A role granted to an account and stored as such.
    ///
    /// Being a candidate, an awardee or an alumnus is not granted: it follows
    /// from candidacies and awards, see [`DerivedRole`].
    pub enum Role ("role") {
        Member = "member", "Member";
        Reviewer = "reviewer", "Reviewer";
        ProductTeam = "product_team", "Product team member";
        Admin = "admin", "Admin";
    }
}

vocabulary! {
    /// A role that follows from a person's data rather than being granted:
    /// an open candidacy makes a candidate, a current award an awardee, an
    /// ended award (and no current one) an alumnus.
    pub enum DerivedRole ("derived role") {
        Candidate = "candidate", "Candidate";
        Awardee = "awardee", "Awardee";
        Alumnus = "alumnus", "Alumni";
    }
}

vocabulary! {
    /// A reviewer's vote on a candidacy.
    pub enum Vote ("vote") {
        Award = "award", "Award";
        Decline = "decline", "Decline";
        Defer = "defer", "Defer";
    }
}

vocabulary! {
    /// Why an award ended.
    ///
    /// A renewed award does not "end" with a reason: the renewal is a
    /// successor award for the next award year that continues the history.
    pub enum AwardEndReason ("award end reason") {
        /// The term ran out without renewal: the person is now an alumnus.
        TermEnded = "term_ended", "Term ended";
        /// The awardee joined the sponsor and gave the award up early.
        JoinedSponsor = "joined_sponsor", "Joined the sponsor";
        /// The awardee gave the award up.
        Withdrawn = "withdrawn", "Withdrawn";
        /// The program took the award back (e.g. a code of conduct breach).
        Revoked = "revoked", "Revoked";
    }
}

vocabulary! {
    /// Where an AMA question stands.
    pub enum AmaQuestionState ("AMA question state") {
        Open = "open", "Open";
        Answered = "answered", "Answered";
        Declined = "declined", "Declined";
        Duplicate = "duplicate", "Duplicate";
        /// Asked by someone not signed in: nobody but the host sees it until they approve it.
        Held = "held", "Awaiting approval";
    }
}

impl AmaQuestionState {
    /// Whether the host has dealt with the question.
    pub fn is_closed(self) -> bool {
        !matches!(self, AmaQuestionState::Open | AmaQuestionState::Held)
    }

    /// Whether readers other than the host see the question.
    pub fn is_public(self) -> bool {
        self != AmaQuestionState::Held
    }
}

vocabulary! {
    /// Whether an AMA takes questions: a paused one will again, a closed one is an archive.
    pub enum AmaStatus ("AMA status") {
        Open = "open", "Open";
        Paused = "paused", "Paused";
        Closed = "closed", "Closed";
    }
}

vocabulary! {
    /// Where a piece of product feedback stands, as its product team says.
    pub enum FeedbackStatus ("feedback status") {
        New = "new", "New";
        Acknowledged = "acknowledged", "Acknowledged";
        Planned = "planned", "Planned";
        Shipped = "shipped", "Shipped";
        WontDo = "wont_do", "Won't do";
    }
}

vocabulary! {
    /// How much a piece of product feedback hurts, as its author judges.
    pub enum FeedbackSeverity ("feedback severity") {
        Low = "low", "Low";
        Normal = "normal", "Normal";
        High = "high", "High";
        Critical = "critical", "Critical";
    }
}

vocabulary! {
    /// How reviewers' scores of one criterion combine.
    pub enum ScoreAggregation ("score aggregation") {
        Median = "median", "Median";
        Mean = "mean", "Mean";
    }
}

impl ScoreAggregation {
    /// Combines reviewers' scores; `None` when nobody has scored. The median
    /// of an even number of scores is the mean of the middle two.
    pub fn aggregate(self, scores: &[u32]) -> Option<f64> {
        if scores.is_empty() {
            return None;
        }
        match self {
            ScoreAggregation::Mean => {
                let sum: u64 = scores.iter().map(|&s| u64::from(s)).sum();
                Some(sum as f64 / scores.len() as f64)
            }
            ScoreAggregation::Median => {
                let mut sorted = scores.to_vec();
                sorted.sort_unstable();
                let mid = sorted.len() / 2;
                let upper = f64::from(*sorted.get(mid)?);
                if sorted.len() % 2 == 1 {
                    Some(upper)
                } else {
                    let lower = f64::from(*sorted.get(mid - 1)?);
                    Some((lower + upper) / 2.0)
                }
            }
        }
    }
}

/// Lets generic code (forms, CSV import) read any vocabulary.
pub trait Vocabulary: Copy + FromStr<Err = ParseError> + fmt::Display + 'static {
    /// Every value.
    fn all() -> &'static [Self];
    /// The stored name.
    fn stored_name(self) -> &'static str;
    /// The English label.
    fn human_label(self) -> &'static str;
}

macro_rules! impl_vocabulary {
    ($($t:ty),+) => {$(
        impl Vocabulary for $t {
            fn all() -> &'static [Self] { Self::ALL }
            fn stored_name(self) -> &'static str { self.as_str() }
            fn human_label(self) -> &'static str { self.label() }
        }
    )+};
}

impl_vocabulary!(
    ContributionType,
    ReachMetric,
    Audience,
    ContributionRole,
    Visibility,
    ContributionSource,
    Role,
    DerivedRole,
    Vote,
    AwardEndReason,
    AmaQuestionState,
    AmaStatus,
    ScoreAggregation,
    crate::candidacy::CandidacyState,
    crate::candidacy::CandidacyEvent
);

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::collections::HashSet;

    fn check_vocabulary<V: Vocabulary + PartialEq + fmt::Debug>() {
        let mut seen = HashSet::new();
        for &v in V::all() {
            let name = v.stored_name();
            assert!(
                !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{name} is not snake_case"
            );
            assert!(seen.insert(name), "{name} is stored twice");
            assert!(!v.human_label().is_empty());
            assert_eq!(name.parse::<V>().unwrap(), v);
            assert_eq!(v.to_string(), name);
        }
        assert!("no_such_thing".parse::<V>().is_err());
    }

    #[test]
    fn every_vocabulary_round_trips_through_its_stored_names() {
        check_vocabulary::<ContributionType>();
        check_vocabulary::<ReachMetric>();
        check_vocabulary::<Audience>();
        check_vocabulary::<ContributionRole>();
        check_vocabulary::<Visibility>();
        check_vocabulary::<ContributionSource>();
        check_vocabulary::<Role>();
        check_vocabulary::<DerivedRole>();
        check_vocabulary::<Vote>();
        check_vocabulary::<AwardEndReason>();
        check_vocabulary::<AmaStatus>();
        check_vocabulary::<AmaQuestionState>();
        check_vocabulary::<ScoreAggregation>();
        check_vocabulary::<crate::candidacy::CandidacyState>();
        check_vocabulary::<crate::candidacy::CandidacyEvent>();
    }

    #[test]
    fn an_unknown_name_is_reported_with_its_vocabulary() {
        let err = "vlog".parse::<ContributionType>().unwrap_err();
        assert_eq!(err.to_string(), "is not a known contribution type: \"vlog\"");
    }

    #[test]
    fn all_contribution_types_are_counted_and_indexed_in_order() {
        assert_eq!(ContributionType::ALL.len(), ContributionType::COUNT);
        for (i, t) in ContributionType::ALL.iter().enumerate() {
            assert_eq!(t.index(), i);
        }
    }

    #[test]
    fn reach_metrics_fit_the_type() {
        use ContributionType as T;
        use ReachMetric as M;
        assert_eq!(T::BlogPost.reach_metrics(), &[M::Views]);
        assert_eq!(T::SpeakingConference.reach_metrics(), &[M::Attendees, M::OnDemandViews]);
        assert_eq!(
            T::Video.reach_metrics(),
            &[M::Views, M::LiveViews, M::OnDemandViews, M::Subscribers]
        );
        assert_eq!(T::OpenSourceProject.primary_reach_metric(), Some(M::Stars));
        assert_eq!(T::ForumAnswers.primary_reach_metric(), Some(M::Answers));
        assert_eq!(T::Mentorship.primary_reach_metric(), Some(M::PeopleMentored));
        assert_eq!(T::Book.primary_reach_metric(), Some(M::CopiesSold));
        assert_eq!(T::MeetupOrganizing.reach_metrics(), &[M::Attendees, M::Sessions]);
        assert_eq!(T::ProductFeedback.primary_reach_metric(), None);
        assert_eq!(T::Other.reach_metrics(), M::ALL);
    }

    #[test]
    fn a_podcasts_views_are_called_listens() {
        assert_eq!(ContributionType::Podcast.reach_label(ReachMetric::Views), "Listens");
        assert_eq!(ContributionType::BlogPost.reach_label(ReachMetric::Views), "Views");
    }

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(ScoreAggregation::Median.aggregate(&[4, 1, 3, 2]), Some(2.5));
        assert_eq!(ScoreAggregation::Median.aggregate(&[5, 1, 3]), Some(3.0));
        assert_eq!(ScoreAggregation::Mean.aggregate(&[1, 2, 6]), Some(3.0));
        assert_eq!(ScoreAggregation::Mean.aggregate(&[]), None);
        assert_eq!(ScoreAggregation::Median.aggregate(&[]), None);
    }

    #[test]
    fn only_an_open_question_is_not_closed() {
        assert!(!AmaQuestionState::Open.is_closed());
        assert!(AmaQuestionState::Duplicate.is_closed());
    }
}
