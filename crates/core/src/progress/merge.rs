//! Two copies of bezwaar on one progress file (a helper's SSH login beside the person's own
//! window): a three-way merge on save, so that nothing one copy records is lost by another.
//!
//! Each copy keeps the progress as it last read or wrote it: the base. On save it reads the
//! file again (theirs) and writes its own progress (ours) with the "sent" records merged:
//! per choice, ours where ours differs from the base (this copy recorded or removed it),
//! otherwise theirs (another copy may have). So a record one copy added is never dropped by a
//! copy that never saw it, and a removal one copy made on purpose stays removed. The page,
//! what was picked and the reason are the writer's own: they are where this window is.

use super::{Progress, Sent};

/// `ours`, with the "sent" records merged from `base` (what this copy last read or wrote)
/// and `theirs` (the file as it is now; `None` when it cannot be read, which counts as no
/// change by anyone else; a missing file is an empty progress: another copy started over).
///
/// Records keep ours's order, then those only theirs has in theirs's order.
pub fn merge(base: &Progress, ours: &Progress, theirs: Option<&Progress>) -> Progress {
    let Some(theirs) = theirs else {
        return ours.clone();
    };
    let find = |p: &Progress, id: &str| p.sent.iter().find(|s| s.choice == id).cloned();
    let mut choices: Vec<&str> = Vec::new();
    for s in ours.sent.iter().chain(&theirs.sent).chain(&base.sent) {
        if !choices.contains(&s.choice.as_str()) {
            choices.push(&s.choice);
        }
    }
    let sent: Vec<Sent> = choices
        .into_iter()
        .filter_map(|id| {
            let (b, o) = (find(base, id), find(ours, id));
            if o != b { o } else { find(theirs, id) }
        })
        .collect();
    Progress {
        sent,
        ..ours.clone()
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};

    use super::*;
    use crate::progress::{SavedReason, VERSION};

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn sent(choice: &str, when: &str) -> Sent {
        Sent {
            choice: choice.to_owned(),
            at: at(when),
        }
    }

    fn progress(page: &str, sent: Vec<Sent>) -> Progress {
        Progress {
            version: VERSION,
            page: page.to_owned(),
            picked: Some("all".to_owned()),
            sent,
            reason: None,
            walkthrough: None,
        }
    }

    const T1: &str = "2026-11-23T11:00:00Z";
    const T2: &str = "2026-11-23T11:05:00Z";

    #[test]
    fn a_record_another_copy_added_is_kept() {
        // Copy B started with nothing; copy A then recorded Instagram. B moves a page.
        let base = progress("waarom", vec![]);
        let ours = progress("gegevens", vec![]);
        let theirs = progress("versturen", vec![sent("instagram", T1)]);
        let merged = merge(&base, &ours, Some(&theirs));
        assert_eq!(merged.sent, vec![sent("instagram", T1)]);
        // The page is the writer's own.
        assert_eq!(merged.page, "gegevens");
    }

    #[test]
    fn both_add_different_records_and_both_stay() {
        let base = progress("versturen", vec![]);
        let ours = progress("versturen", vec![sent("facebook", T2)]);
        let theirs = progress("versturen", vec![sent("instagram", T1)]);
        let merged = merge(&base, &ours, Some(&theirs));
        assert_eq!(
            merged.sent,
            vec![sent("facebook", T2), sent("instagram", T1)]
        );
    }

    #[test]
    fn a_removal_in_one_copy_stays_removed() {
        // Ours removed Facebook on purpose; theirs still has it from before.
        let base = progress("versturen", vec![sent("facebook", T1)]);
        let ours = progress("versturen", vec![]);
        let theirs = progress("versturen", vec![sent("facebook", T1)]);
        assert_eq!(merge(&base, &ours, Some(&theirs)).sent, vec![]);
        // Theirs removed it; ours never touched it: it goes here too.
        let ours = progress("klaar", vec![sent("facebook", T1)]);
        let theirs = progress("versturen", vec![]);
        assert_eq!(merge(&base, &ours, Some(&theirs)).sent, vec![]);
    }

    #[test]
    fn when_both_changed_one_record_ours_wins() {
        let base = progress("versturen", vec![sent("facebook", T1)]);
        let ours = progress("versturen", vec![sent("facebook", T2)]);
        let theirs = progress("versturen", vec![]);
        assert_eq!(
            merge(&base, &ours, Some(&theirs)).sent,
            vec![sent("facebook", T2)]
        );
        let ours = progress("versturen", vec![]);
        let theirs = progress("versturen", vec![sent("facebook", T2)]);
        assert_eq!(merge(&base, &ours, Some(&theirs)).sent, vec![]);
    }

    #[test]
    fn an_unreadable_file_leaves_ours() {
        let base = progress("waarom", vec![sent("facebook", T1)]);
        let ours = Progress {
            reason: Some(SavedReason::NoReason),
            ..progress("klaar", vec![sent("facebook", T1), sent("instagram", T2)])
        };
        assert_eq!(merge(&base, &ours, None), ours);
    }

    #[test]
    fn a_choice_this_copy_does_not_know_is_kept() {
        // Another copy's script has a choice this one has not: neither base nor ours
        // (both as this copy sees them) mentions it, so theirs decides.
        let base = progress("versturen", vec![]);
        let ours = progress("klaar", vec![sent("facebook", T2)]);
        let theirs = progress("versturen", vec![sent("threads", T1)]);
        assert_eq!(
            merge(&base, &ours, Some(&theirs)).sent,
            vec![sent("facebook", T2), sent("threads", T1)]
        );
    }
}
