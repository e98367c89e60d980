//! The life of a candidacy, as a state machine.
//!
//! ```text
//! Nominated --Invite--> Invited --Accept--> Accepted --Submit--> Submitted
//!                          \--DeclineInvitation--> InvitationDeclined
//! Submitted --StartReview--> InReview --Award--> Awarded
//!                                     --Decline--> Declined
//!                                     --Defer--> Deferred --StartReview--> InReview
//! any state that is not terminal --Withdraw--> Withdrawn
//! Nominated, Invited, Accepted, Deferred --Lapse--> Lapsed
//! ```
//!
//! Terminal states: Awarded, Declined, InvitationDeclined, Withdrawn, Lapsed. A
//! deferred candidacy is reviewed again in a later round of its cycle; when the
//! cycle is announced, a deferral no round took up lapses, as do nominations
//! never accepted and candidacies never submitted, so none stays open forever.

use crate::kinds::vocabulary;

vocabulary! {
    /// Where a candidacy stands.
    pub enum CandidacyState ("candidacy state") {
        /// Someone nominated the person; nobody has asked them yet.
        Nominated = "nominated", "Nominated";
        /// The nominee was invited by e-mail.
        Invited = "invited", "Invited";
        /// The nominee accepted and is filling in profile and contributions.
        Accepted = "accepted", "Accepted";
        /// The nominee said no.
        InvitationDeclined = "invitation_declined", "Invitation declined";
        /// The candidate submitted for review.
        Submitted = "submitted", "Submitted";
        /// The committee is reviewing it.
        InReview = "in_review", "In review";
        /// The committee awarded it.
        Awarded = "awarded", "Awarded";
        /// The committee said no.
        Declined = "declined", "Declined";
        /// The committee will look again in a later cycle.
        Deferred = "deferred", "Deferred";
        /// The candidate (or an admin) withdrew it.
        Withdrawn = "withdrawn", "Withdrawn";
        /// The cycle was announced before it was decided: never accepted, never
        /// submitted, or deferred with no later round taking it up.
        Lapsed = "lapsed", "Lapsed";
    }
}

vocabulary! {
    /// Something that happens to a candidacy.
    pub enum CandidacyEvent ("candidacy event") {
        Invite = "invite", "Invite";
        Accept = "accept", "Accept";
        DeclineInvitation = "decline_invitation", "Decline invitation";
        Submit = "submit", "Submit";
        StartReview = "start_review", "Start review";
        Award = "award", "Award";
        Decline = "decline", "Decline";
        Defer = "defer", "Defer";
        Withdraw = "withdraw", "Withdraw";
        Lapse = "lapse", "Lapse";
    }
}

/// An event that does not apply to a candidacy in its current state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("cannot {} a candidacy that is {}", .event.verb(), .from.label().to_lowercase())]
pub struct IllegalTransition {
    /// The state the candidacy was in.
    pub from: CandidacyState,
    /// The event that was refused.
    pub event: CandidacyEvent,
}

impl CandidacyEvent {
    /// The event as a verb phrase taking "a candidacy" as object, for messages.
    pub fn verb(self) -> &'static str {
        match self {
            CandidacyEvent::Invite => "invite",
            CandidacyEvent::Accept => "accept",
            CandidacyEvent::DeclineInvitation => "decline the invitation to",
            CandidacyEvent::Submit => "submit",
            CandidacyEvent::StartReview => "start reviewing",
            CandidacyEvent::Award => "award",
            CandidacyEvent::Decline => "decline",
            CandidacyEvent::Defer => "defer",
            CandidacyEvent::Withdraw => "withdraw",
            CandidacyEvent::Lapse => "close",
        }
    }
}

impl CandidacyState {
    /// The state after `event`, or why it cannot happen.
    pub fn apply(self, event: CandidacyEvent) -> Result<CandidacyState, IllegalTransition> {
        use CandidacyEvent as E;
        use CandidacyState as S;
        let next = match (self, event) {
            (s, E::Withdraw) if !s.is_terminal() => S::Withdrawn,
            (S::Nominated, E::Invite) => S::Invited,
            (S::Invited, E::Accept) => S::Accepted,
            (S::Invited, E::DeclineInvitation) => S::InvitationDeclined,
            (S::Accepted, E::Submit) => S::Submitted,
            (S::Submitted | S::Deferred, E::StartReview) => S::InReview,
            (S::InReview, E::Award) => S::Awarded,
            (S::InReview, E::Decline) => S::Declined,
            (S::InReview, E::Defer) => S::Deferred,
            (S::Nominated | S::Invited | S::Accepted | S::Deferred, E::Lapse) => S::Lapsed,
            (from, event) => return Err(IllegalTransition { from, event }),
        };
        Ok(next)
    }

    /// Whether nothing more can happen to the candidacy.
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            CandidacyState::Awarded
                | CandidacyState::Declined
                | CandidacyState::InvitationDeclined
                | CandidacyState::Withdrawn
                | CandidacyState::Lapsed
        )
    }

    /// The events that apply in this state, in [`CandidacyEvent::ALL`] order.
    pub fn allowed_events(self) -> Vec<CandidacyEvent> {
        CandidacyEvent::ALL.iter().copied().filter(|&e| self.apply(e).is_ok()).collect()
    }

    /// Whether the candidacy is waiting on the committee (reviewers see it).
    pub fn is_before_committee(self) -> bool {
        matches!(self, CandidacyState::Submitted | CandidacyState::InReview)
    }

    /// Whether the candidate may still edit profile and contributions for it.
    pub fn is_editable_by_candidate(self) -> bool {
        matches!(self, CandidacyState::Accepted | CandidacyState::Deferred)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use CandidacyEvent as E;
    use CandidacyState as S;
    use proptest::prelude::*;

    const LEGAL: &[(CandidacyState, CandidacyEvent, CandidacyState)] = &[
        (S::Nominated, E::Invite, S::Invited),
        (S::Invited, E::Accept, S::Accepted),
        (S::Invited, E::DeclineInvitation, S::InvitationDeclined),
        (S::Accepted, E::Submit, S::Submitted),
        (S::Submitted, E::StartReview, S::InReview),
        (S::InReview, E::Award, S::Awarded),
        (S::InReview, E::Decline, S::Declined),
        (S::InReview, E::Defer, S::Deferred),
        (S::Deferred, E::StartReview, S::InReview),
        (S::Nominated, E::Withdraw, S::Withdrawn),
        (S::Invited, E::Withdraw, S::Withdrawn),
        (S::Accepted, E::Withdraw, S::Withdrawn),
        (S::Submitted, E::Withdraw, S::Withdrawn),
        (S::InReview, E::Withdraw, S::Withdrawn),
        (S::Deferred, E::Withdraw, S::Withdrawn),
        (S::Nominated, E::Lapse, S::Lapsed),
        (S::Invited, E::Lapse, S::Lapsed),
        (S::Accepted, E::Lapse, S::Lapsed),
        (S::Deferred, E::Lapse, S::Lapsed),
    ];

    #[test]
    fn every_legal_transition_leads_where_the_diagram_says() {
        for &(from, event, to) in LEGAL {
            assert_eq!(from.apply(event), Ok(to), "{from:?} --{event:?}-->");
        }
    }

    #[test]
    fn every_other_transition_is_illegal() {
        for &from in S::ALL {
            for &event in E::ALL {
                let legal = LEGAL.iter().any(|&(f, e, _)| f == from && e == event);
                assert_eq!(from.apply(event).is_ok(), legal, "{from:?} --{event:?}-->");
            }
        }
    }

    #[test]
    fn a_nominee_cannot_be_awarded_without_review() {
        assert_eq!(
            S::Nominated.apply(E::Award),
            Err(IllegalTransition { from: S::Nominated, event: E::Award })
        );
        assert!(S::Accepted.apply(E::Award).is_err());
        assert!(S::Submitted.apply(E::Award).is_err());
    }

    #[test]
    fn an_awarded_candidacy_cannot_be_withdrawn() {
        assert!(S::Awarded.apply(E::Withdraw).is_err());
        assert!(S::Withdrawn.apply(E::Withdraw).is_err());
    }

    #[test]
    fn a_declined_invitation_cannot_be_accepted_later() {
        assert!(S::InvitationDeclined.apply(E::Accept).is_err());
    }

    #[test]
    fn an_illegal_transition_reads_as_a_sentence() {
        let err = S::Awarded.apply(E::Invite).unwrap_err();
        assert_eq!(err.to_string(), "cannot invite a candidacy that is awarded");
        let err = S::Nominated.apply(E::DeclineInvitation).unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot decline the invitation to a candidacy that is nominated"
        );
    }

    #[test]
    fn terminal_states_allow_no_event() {
        for &s in S::ALL {
            assert_eq!(s.is_terminal(), s.allowed_events().is_empty(), "{s:?}");
        }
        assert_eq!(S::InReview.allowed_events(), vec![E::Award, E::Decline, E::Defer, E::Withdraw]);
        assert_eq!(S::Deferred.allowed_events(), vec![E::StartReview, E::Withdraw, E::Lapse]);
    }

    #[test]
    fn a_deferred_candidacy_goes_back_into_review() {
        let s = S::InReview.apply(E::Defer).unwrap();
        assert_eq!(s.apply(E::StartReview), Ok(S::InReview));
    }

    #[test]
    fn only_submitted_and_in_review_candidacies_are_before_the_committee() {
        let before: Vec<_> = S::ALL.iter().copied().filter(|s| s.is_before_committee()).collect();
        assert_eq!(before, vec![S::Submitted, S::InReview]);
        assert!(S::Accepted.is_editable_by_candidate());
        assert!(!S::Submitted.is_editable_by_candidate());
    }

    proptest! {
        #[test]
        fn no_sequence_of_events_leaves_a_terminal_state(
            events in proptest::collection::vec(proptest::sample::select(E::ALL), 0..40)
        ) {
            let mut state = S::Nominated;
            for event in events {
                match state.apply(event) {
                    Ok(next) => {
                        prop_assert!(!state.is_terminal(), "left terminal {:?}", state);
                        state = next;
                    }
                    Err(e) => prop_assert_eq!(e, IllegalTransition { from: state, event }),
                }
            }
        }
    }
}
