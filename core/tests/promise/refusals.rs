//! Bad planning input: refused with a typed error, nothing changed.

use super::*;

#[test]
fn bad_planning_input_is_refused_and_changes_nothing() {
    let s = shop("2026-03-02T09:00:00Z", &[]);
    let before = s.lw.snapshot().unwrap();
    let mut never = calendar(&[]);
    never.working_days.clear();
    let err =
        s.lw.define_work_center(NewWorkCenter {
            code: "CURE".into(),
            name: "curing rack".into(),
            calendar: never,
            capacity: 1,
        })
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert_eq!(err.fields()["field"], "working_days");
    for hours in ["0", "-8"] {
        let err =
            s.lw.define_work_center(NewWorkCenter {
                code: "POUR".into(),
                name: "pouring line".into(),
                calendar: NewCalendar::mon_to_fri(hours.parse().unwrap()),
                capacity: 1,
            })
            .unwrap_err();
        assert_eq!(err.fields()["field"], "hours_per_day", "{hours}");
    }
    let err =
        s.lw.define_shipping_method(ShippingMethod {
            code: "SLOW".into(),
            transit_days: -1,
        })
        .unwrap_err();
    assert_eq!(
        (err.code(), err.fields()["field"].as_str()),
        ("invalid_input", Some("transit_days"))
    );
    let err =
        s.lw.set_planning_settings(PlanningSettings {
            handling_days: -2,
            ..PlanningSettings::default()
        })
        .unwrap_err();
    assert_eq!(err.fields()["field"], "handling_days");
    let err =
        s.lw.define_recipe(NewRecipe {
            product: "CANDLE".into(),
            batch_size: "12 pcs".parse().unwrap(),
            inputs: vec![input("WAX", "2.4 kg")],
            yield_pct: None,
            operations: vec![op("POUR", -5, 1)],
        })
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    let err =
        s.lw.define_supplier(NewSupplier::new("BAD", "Bad", -3))
            .unwrap_err();
    assert_eq!(err.code(), "negative_lead_time");
    assert_eq!(s.lw.snapshot().unwrap(), before);

    // Read-only refusals.
    let bad_supply = PromiseOptions {
        shipping_method: None,
        incoming: vec![IncomingSupply {
            sku: "WAX".into(),
            qty: Decimal::from(-1),
            expected: day("2026-03-04"),
            reference: None,
        }],
    };
    let err =
        s.lw.promise_lines(&[line("CANDLE", "12 pcs", None)], &bad_supply)
            .unwrap_err();
    assert_eq!(err.code(), "invalid_quantity");
    let unknown_method = PromiseOptions {
        shipping_method: Some("TELEPORT".into()),
        incoming: vec![],
    };
    let err =
        s.lw.promise_lines(&[line("CANDLE", "1 pcs", None)], &unknown_method)
            .unwrap_err();
    assert_eq!(err.fields()["field"], "shipping_method");
    let err =
        s.lw.promise_lines(&[], &PromiseOptions::default())
            .unwrap_err();
    assert_eq!(err.code(), "invalid_input");

    // An operation on a work center nobody defined is named in the error.
    s.lw.define_item(NewItem::new(
        "SOAP",
        "Soap bar",
        ItemKind::Product,
        Uom::Pcs,
    ))
    .unwrap();
    s.lw.define_recipe(NewRecipe {
        product: "SOAP".into(),
        batch_size: "10 pcs".parse().unwrap(),
        inputs: vec![input("WAX", "1 kg")],
        yield_pct: None,
        operations: vec![op("CUT", 10, 1)],
    })
    .unwrap();
    let before = s.lw.snapshot().unwrap();
    let err =
        s.lw.promise_lines(&[line("SOAP", "10 pcs", None)], &PromiseOptions::default())
            .unwrap_err();
    assert_eq!(
        (err.code(), err.fields()["value"].as_str()),
        ("invalid_input", Some("CUT"))
    );
    let soap = place(&s.lw, vec![line("SOAP", "10 pcs", None)]);
    let before_confirm = s.lw.snapshot().unwrap();
    assert_eq!(
        s.lw.confirm_order(&soap).unwrap_err().code(),
        "invalid_input"
    );
    assert_eq!(s.lw.snapshot().unwrap(), before_confirm);
    assert_ne!(before, before_confirm);
}
