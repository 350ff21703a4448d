//! Bulk actions, tags and notes: per-order results, one transaction each.

use lotwise::domain::event::EventData;

use super::*;

#[test]
fn bulk_actions_report_each_order_and_keep_going_past_failures() {
    let (lw, _) = small();
    let orders = lw.orders().unwrap();
    let placed: Vec<String> = orders
        .iter()
        .filter(|o| o.status == OrderStatus::Placed)
        .map(|o| o.id.clone())
        .take(3)
        .collect();
    let shipped = orders
        .iter()
        .find(|o| o.status == OrderStatus::Shipped)
        .unwrap()
        .id
        .clone();
    let flagged = orders
        .iter()
        .find(|o| o.status == OrderStatus::NeedsAttention)
        .unwrap()
        .id
        .clone();
    assert_eq!(placed.len(), 3);
    let asked = vec![
        placed[0].clone(),
        shipped.clone(),
        "SO-999999".to_string(),
        placed[1].clone(),
        placed[0].clone(),
        flagged.clone(),
    ];
    let shipped_before = lw.order(&shipped).unwrap();
    let results = lw.bulk_confirm(&asked);
    let summary: Vec<(String, Option<&str>)> = results
        .iter()
        .map(|r| {
            let code = match &r.outcome {
                BulkOutcome::Ok { .. } => None,
                BulkOutcome::Error { code, .. } => Some(code.as_str()),
            };
            (r.order.clone(), code)
        })
        .collect();
    // One result per distinct id, in the order given.
    assert_eq!(
        summary,
        vec![
            (placed[0].clone(), None),
            (shipped.clone(), Some("invalid_transition")),
            ("SO-999999".to_string(), Some("unknown_order")),
            (placed[1].clone(), None),
            (flagged.clone(), Some("invalid_transition")),
        ]
    );
    for id in [&placed[0], &placed[1]] {
        assert!(lw.order(id).unwrap().confirmed_at.is_some());
    }
    assert_eq!(lw.order(&shipped).unwrap(), shipped_before);
    assert_eq!(lw.order(&placed[2]).unwrap().status, OrderStatus::Placed);
    if let BulkOutcome::Error { message, .. } = &results[2].outcome {
        assert!(message.contains("SO-999999"), "{message}");
    }

    // Cancel: the shipped order refuses, the others go.
    let results = lw.bulk_cancel(&[placed[2].clone(), shipped.clone(), placed[0].clone()]);
    let ok: Vec<bool> = results.iter().map(|r| r.is_ok()).collect();
    assert_eq!(ok, vec![true, false, true]);
    assert_eq!(
        results[0].outcome,
        BulkOutcome::Ok {
            status: OrderStatus::Cancelled
        }
    );
    assert_eq!(lw.order(&placed[0]).unwrap().status, OrderStatus::Cancelled);
    assert_eq!(lw.order(&shipped).unwrap().status, OrderStatus::Shipped);

    // Tag: works on any status; an unknown order fails alone.
    let results = lw.bulk_tag(
        &[shipped.clone(), "SO-999999".into(), flagged.clone()],
        "recall-check",
    );
    let ok: Vec<bool> = results.iter().map(|r| r.is_ok()).collect();
    assert_eq!(ok, vec![true, false, true]);
    let tagged = lw
        .desk(&DeskQuery {
            tags: vec!["RECALL-CHECK".into()],
            ..Default::default()
        })
        .unwrap();
    let mut got = ids(&tagged.orders);
    got.sort();
    let mut want = vec![shipped.clone(), flagged.clone()];
    want.sort();
    assert_eq!(got, want);
    // A bad tag fails for every order and changes nothing.
    let results = lw.bulk_tag(std::slice::from_ref(&shipped), "a,b");
    assert!(
        matches!(&results[0].outcome, BulkOutcome::Error { code, .. } if code == "invalid_input")
    );
}

#[test]
fn tags_and_notes_are_single_transactions_with_events() {
    let (lw, _) = small();
    let id = lw.orders().unwrap()[45].id.clone();
    let seq = |lw: &Lotwise| lw.events_after(0, usize::MAX).unwrap().len();
    let before = seq(&lw);
    let had = lw.order(&id).unwrap().tags;
    let o = lw.tag_order(&id, "  Fragile ").unwrap();
    assert_eq!(o.tags.len(), had.len() + 1);
    assert!(o.tags.contains(&"Fragile".to_string()));
    // The same tag in another case is already there: nothing happens.
    lw.tag_order(&id, "FRAGILE").unwrap();
    assert_eq!(seq(&lw), before + 1);
    let events = lw.events_after(before as u64, 10).unwrap();
    assert_eq!(events[0].kind(), "order_tagged");
    assert_eq!(events[0].subject, id);
    assert_eq!(
        events[0].data,
        EventData::OrderTagged {
            tag: "Fragile".into()
        }
    );

    let o = lw.untag_order(&id, "fragile").unwrap();
    assert_eq!(o.tags, had);
    lw.untag_order(&id, "fragile").unwrap();
    assert_eq!(seq(&lw), before + 2);

    let o = lw
        .set_order_note(&id, Some("Leave at the back door"))
        .unwrap();
    assert_eq!(o.notes.as_deref(), Some("Leave at the back door"));
    lw.set_order_note(&id, Some("Leave at the back door"))
        .unwrap();
    assert_eq!(seq(&lw), before + 3);
    let o = lw.set_order_note(&id, Some("  ")).unwrap();
    assert_eq!(o.notes, None);
    let last = lw.events_after(0, usize::MAX).unwrap().pop().unwrap();
    assert_eq!(last.data, EventData::OrderNoteSet { note: None });

    // Failures change nothing.
    let snapshot = lw.snapshot().unwrap();
    assert_eq!(
        lw.tag_order("SO-999999", "x").unwrap_err().code(),
        "unknown_order"
    );
    assert_eq!(lw.tag_order(&id, "").unwrap_err().code(), "invalid_input");
    let long = "n".repeat(10_001);
    assert_eq!(
        lw.set_order_note(&id, Some(&long)).unwrap_err().code(),
        "invalid_input"
    );
    assert_eq!(lw.snapshot().unwrap(), snapshot);
    assert!(lw.check_invariants().unwrap().is_empty());
}
