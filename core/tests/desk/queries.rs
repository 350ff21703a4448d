//! Filters, sorts and pages against the plain reference over 3,040 orders.

use super::*;

#[test]
fn filters_combine_like_a_plain_filter_over_orders() {
    let w = world();
    let orders = w.lw.orders().unwrap();
    assert_eq!(orders.len(), ORDERS + ATTENTION_ORDERS as usize);
    let locations = order_locations(&w.lw, &orders);
    // The data set reaches every filter value at least once.
    let statuses: BTreeSet<OrderStatus> = orders.iter().map(|o| o.status).collect();
    for s in [
        OrderStatus::NeedsAttention,
        OrderStatus::Placed,
        OrderStatus::AwaitingMaterials,
        OrderStatus::ReadyToShip,
        OrderStatus::PartiallyShipped,
        OrderStatus::Shipped,
        OrderStatus::Cancelled,
    ] {
        assert!(statuses.contains(&s), "no order is {s}");
    }
    assert!(orders.iter().any(|o| o.is_delayed(w.today)));
    assert!(locations.values().any(|l| l.contains("STUDIO")));

    let mut rng = Rng(99);
    let mut non_trivial = 0;
    for _ in 0..150 {
        let q = random_query(&mut rng, w.today);
        let mut expected: Vec<&SalesOrder> = orders
            .iter()
            .filter(|o| reference_match(o, &q, w.today, &locations))
            .collect();
        expected.sort_by(|a, b| reference_cmp(q.sort, a, b));
        let expected: Vec<String> = expected.iter().map(|o| o.id.clone()).collect();
        let page = w.lw.desk(&q).unwrap();
        assert_eq!(ids(&page.orders), expected, "{q:?}");
        assert_eq!(page.total, expected.len());
        // Each row shows where its stock is reserved or was shipped from,
        // whether or not the query filtered by location.
        for row in &page.orders {
            let at: Vec<String> = locations
                .get(&row.id)
                .map(|l| l.iter().cloned().collect())
                .unwrap_or_default();
            assert_eq!(row.locations, at, "{} in {q:?}", row.id);
        }
        assert!(page.next_cursor.is_none());
        if !expected.is_empty() && expected.len() < orders.len() {
            non_trivial += 1;
        }
    }
    // Most queries select a proper, non-empty subset.
    assert!(non_trivial > 75, "only {non_trivial} informative queries");
}

fn all_pages(lw: &Lotwise, q: &DeskQuery) -> Vec<String> {
    let mut q = q.clone();
    let mut out = Vec::new();
    loop {
        let page = lw.desk(&q).unwrap();
        assert!(page.orders.len() <= q.limit.unwrap_or(usize::MAX));
        out.extend(ids(&page.orders));
        // A cursor that does not advance must fail, not loop forever.
        assert!(out.len() <= page.total, "pages repeat rows");
        match page.next_cursor {
            Some(c) => {
                assert!(!page.orders.is_empty());
                q.cursor = Some(c);
            }
            None => return out,
        }
    }
}

#[test]
fn pages_concatenate_to_the_unpaginated_list() {
    let w = world();
    for sort in SORTS {
        let whole = DeskQuery {
            sort,
            ..Default::default()
        };
        let expected = ids(&w.lw.desk(&whole).unwrap().orders);
        assert_eq!(expected.len(), ORDERS + ATTENTION_ORDERS as usize);
        for limit in [97, 1000] {
            let q = DeskQuery {
                limit: Some(limit),
                ..whole.clone()
            };
            let got = all_pages(&w.lw, &q);
            assert_eq!(got, expected, "{sort:?} in pages of {limit}");
        }
        // Page by page through a filtered subset, where ties are dense.
        let narrow = DeskQuery {
            channels: vec!["etsy".into()],
            statuses: vec![OrderStatus::Cancelled, OrderStatus::PartiallyShipped],
            sort,
            ..Default::default()
        };
        let expected = ids(&w.lw.desk(&narrow).unwrap().orders);
        assert!(expected.len() > 30, "{}", expected.len());
        let one_by_one = DeskQuery {
            limit: Some(1),
            ..narrow
        };
        assert_eq!(
            all_pages(&w.lw, &one_by_one),
            expected,
            "{sort:?} one by one"
        );
    }
}

#[test]
fn a_cursor_is_tied_to_its_sort_and_the_same_query_gives_the_same_page() {
    let w = world();
    let q = DeskQuery {
        sort: DeskSort::Status,
        limit: Some(25),
        ..Default::default()
    };
    let first = w.lw.desk(&q).unwrap();
    assert_eq!(first, w.lw.desk(&q).unwrap());
    let cursor = first.next_cursor.unwrap();
    let wrong = DeskQuery {
        sort: DeskSort::Customer,
        cursor: Some(cursor),
        ..q
    };
    let err = w.lw.desk(&wrong).unwrap_err();
    assert_eq!(err.code(), "invalid_input");
}

#[test]
fn keyset_pages_neither_repeat_nor_skip_when_orders_arrive_between_pages() {
    let (lw, clock) = small();
    let q = DeskQuery {
        sort: DeskSort::PlacedAtAsc,
        limit: Some(10),
        ..Default::default()
    };
    let before = ids(&lw
        .desk(&DeskQuery {
            limit: None,
            ..q.clone()
        })
        .unwrap()
        .orders);
    let first = lw.desk(&q).unwrap();
    clock.advance_days(1);
    let newest = lw
        .place_order(NewOrder {
            channel: "manual".into(),
            external_ref: None,
            customer: Customer {
                name: "Late Comer".into(),
                email: None,
                ..Default::default()
            },
            ship_to: None,
            lines: vec![NewOrderLine {
                sku: "MUG".into(),
                qty: "1 pcs".parse().unwrap(),
                unit_price: None,
                requested_date: None,
                lot: None,
                min_remaining_shelf_life_days: None,
            }],
            tags: vec![],
            notes: None,
        })
        .unwrap()
        .order
        .id;
    let mut got = ids(&first.orders);
    got.extend(all_pages(
        &lw,
        &DeskQuery {
            cursor: first.next_cursor,
            ..q
        },
    ));
    let mut expected = before;
    expected.push(newest);
    assert_eq!(got, expected);
}
