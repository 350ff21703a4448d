//! Automation rules a run may define: tags, notes and holds on new orders,
//! an update rule that chains (up to the bound), and a stock alert. None of
//! them confirms or ships, so the auditor's lifecycle stays its own; a held
//! order is predicted to refuse confirmation until released.

use lotwise::{Action, Condition, Qty, Rule, Trigger};

fn rule(code: &str, trigger: Trigger, conditions: Vec<Condition>, action: Action) -> Rule {
    Rule {
        code: code.into(),
        name: format!("model rule {code}"),
        priority: 0,
        trigger,
        conditions,
        actions: vec![action],
        enabled: true,
    }
}

/// The n-th rule (`n` modulo their number).
pub fn nth(n: u8) -> Rule {
    let kg = |s: &str| -> Qty { s.parse().unwrap() };
    match n % 6 {
        0 => rule(
            "TAG-ALL",
            Trigger::OrderPlaced,
            vec![],
            Action::AddTag { tag: "seen".into() },
        ),
        1 => rule(
            "HOLD-MELTS",
            Trigger::OrderPlaced,
            vec![Condition::Sku { is: "MELT".into() }],
            Action::Hold {
                reason: "melts are checked by hand".into(),
            },
        ),
        2 => rule(
            "NOTE-CANDLES",
            Trigger::OrderPlaced,
            vec![Condition::Sku {
                is: "CANDLE".into(),
            }],
            Action::AddNote {
                note: "candles".into(),
            },
        ),
        3 => rule(
            "NOTE-UPDATES",
            Trigger::OrderUpdated,
            vec![],
            Action::AddNote {
                note: "updated".into(),
            },
        ),
        4 => rule(
            "LOW-WAX",
            Trigger::StockBelow {
                sku: "WAX".into(),
                threshold: kg("1 kg"),
            },
            vec![],
            Action::Alert {
                message: "wax low".into(),
            },
        ),
        _ => rule(
            "HOLD-NO-EMAIL",
            Trigger::OrderPlaced,
            vec![Condition::NoEmail, Condition::Sku { is: "JAR".into() }],
            Action::Hold {
                reason: "no e-mail for a jar order".into(),
            },
        ),
    }
}
