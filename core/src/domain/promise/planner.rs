//! The promise planner: free stock, joinable batches, new batches exploded
//! level by level, purchase orders and lead times, then forward finite
//! loading of the operations (see the parent module).

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use rust_decimal::Decimal;

use super::{
    Basis, Commitment, LinePromise, MoPlan, PlannedOperation, PlanningData, Promise, PromiseLine,
    Source, SupplyPart,
};
use crate::domain::calendar::short_date;
use crate::domain::capacity::{operation_minutes, Loader, Placement};
use crate::domain::recipe::{Operation, Recipe};
use crate::error::{Error, Result};

/// Recipes nest at most this deep; deeper means a cycle slipped in.
const MAX_DEPTH: usize = 32;

/// When something is available and what decided it (`None`: nothing
/// waited, it is there now).
pub type Avail = (DateTime<Utc>, Option<Basis>);

/// The planner: running free stock and incoming supply, plus a [`Loader`]
/// holding this promise's tentative bookings.
pub struct Planner<'a> {
    data: &'a PlanningData,
    free: BTreeMap<String, Decimal>,
    incoming: Vec<(usize, Decimal)>,
    /// Joinable output: open batches, then this promise's new batches'
    /// leftovers (confirming lets later lines join those too).
    open: Vec<OpenSlot>,
    loader: Loader<'a>,
    jobs: u32,
}

impl<'a> Planner<'a> {
    /// A planner over `data`.
    pub fn new(data: &'a PlanningData) -> Self {
        let mut incoming: Vec<(usize, Decimal)> = data
            .incoming
            .iter()
            .enumerate()
            .filter(|(_, s)| s.qty > Decimal::ZERO)
            .map(|(i, s)| (i, s.qty))
            .collect();
        incoming.sort_by_key(|(i, _)| (data.incoming[*i].expected, *i));
        Planner {
            data,
            free: data.free_stock.clone(),
            incoming,
            open: data
                .open_output
                .iter()
                .map(|o| OpenSlot {
                    product: o.product.clone(),
                    left: o.free,
                    ready_at: o.ready_at,
                    basis: o.basis.clone(),
                    source: Source::Mo { mo: o.mo.clone() },
                })
                .collect(),
            loader: Loader::new(&data.centers, &data.loads),
            jobs: 0,
        }
    }

    /// Promises `lines` in order; earlier lines get stock and capacity first.
    pub fn promise(mut self, lines: &[PromiseLine]) -> Result<Promise> {
        let mut out = Vec::with_capacity(lines.len());
        for line in lines {
            out.push(self.line(line)?);
        }
        let data = self.data;
        let decider = out
            .iter()
            .max_by(|a, b| {
                a.promised_date
                    .cmp(&b.promised_date)
                    .then(b.line.cmp(&a.line))
            })
            .ok_or_else(|| Error::invalid_input("lines", "[]", "nothing to promise"))?;
        Ok(Promise {
            at: data.now,
            shipping_method: data.shipping.method.clone(),
            ship_date: decider.ship_date,
            promised_date: decider.promised_date,
            requested_date: out.iter().filter_map(|l| l.requested_date).max(),
            basis: decider.basis.clone(),
            explanation: format!(
                "line {} ({}) decides: {}",
                decider.line, decider.sku, decider.explanation
            ),
            lines: out,
        })
    }

    fn line(&mut self, line: &PromiseLine) -> Result<LinePromise> {
        let now = self.data.now;
        let mut supplies = Vec::new();
        let mut operations = Vec::new();
        let mut avail: Avail = (now, None);
        for c in &line.committed {
            match c {
                Commitment::Stock { qty } => supplies.push(SupplyPart {
                    sku: line.sku.clone(),
                    qty: *qty,
                    available_at: now,
                    source: Source::Stock,
                }),
                Commitment::Mo {
                    mo,
                    qty,
                    ready_at,
                    basis,
                } => {
                    supplies.push(SupplyPart {
                        sku: line.sku.clone(),
                        qty: *qty,
                        available_at: (*ready_at).max(now),
                        source: Source::Mo { mo: mo.clone() },
                    });
                    later(&mut avail, ((*ready_at).max(now), Some(basis.clone())));
                }
            }
        }
        if line.qty > Decimal::ZERO {
            let got = self.supply(&line.sku, line.qty, 0, &mut supplies, &mut operations)?;
            later(&mut avail, got);
        }
        let (ready_at, basis) = avail;
        let basis = basis.unwrap_or(Basis::Stock);
        let ship = &self.data.shipping;
        let ship_date = ship
            .calendar
            .add_working_days(ready_at.date_naive(), ship.handling_days);
        let promised_date = ship_date + Duration::days(i64::from(ship.transit_days));
        let mut lp = LinePromise {
            line: line.line,
            sku: line.sku.clone(),
            qty: line.qty
                + line
                    .committed
                    .iter()
                    .map(|c| match c {
                        Commitment::Stock { qty } | Commitment::Mo { qty, .. } => *qty,
                    })
                    .sum::<Decimal>(),
            requested_date: line.requested_date,
            ready_at,
            ship_date,
            promised_date,
            on_time: line.requested_date.map(|r| promised_date <= r),
            basis,
            explanation: String::new(),
            supplies,
            operations,
        };
        lp.explanation = self.explain(&lp);
        Ok(lp)
    }

    /// Covers `need` of `sku`: free stock, then open batches (at any level),
    /// then a new batch when it has a recipe, else purchase orders and
    /// finally the supplier's lead time. Mirrors what confirming does.
    fn supply(
        &mut self,
        sku: &str,
        need: Decimal,
        depth: usize,
        parts: &mut Vec<SupplyPart>,
        ops: &mut Vec<PlannedOperation>,
    ) -> Result<Avail> {
        let data = self.data;
        let now = data.now;
        let mut avail: Avail = (now, None);
        let mut rest = need;
        let free = self.free.entry(sku.to_string()).or_default();
        let take = rest.min(*free).max(Decimal::ZERO);
        if take > Decimal::ZERO {
            *free -= take;
            rest -= take;
            parts.push(part(sku, take, now, Source::Stock));
        }
        let recipe = data.recipes.get(sku);
        // Open batches with output to spare serve any level: an intermediate
        // batch planned for one consumer is shared with the next, as
        // confirming does.
        if rest > Decimal::ZERO && recipe.is_some() {
            for open in self.open.iter_mut() {
                if rest <= Decimal::ZERO {
                    break;
                }
                if open.product != sku || open.left <= Decimal::ZERO {
                    continue;
                }
                let take = rest.min(open.left);
                open.left -= take;
                rest -= take;
                let at = open.ready_at.max(now);
                parts.push(part(sku, take, at, open.source.clone()));
                later(&mut avail, (at, Some(open.basis.clone())));
            }
        }
        if rest > Decimal::ZERO {
            if let Some(recipe) = recipe {
                let qty = recipe.batch_quantity(rest);
                self.jobs += 1;
                let job = format!("new-{}", self.jobs);
                let got = self.new_batch(&job, recipe, qty, depth + 1, parts, ops)?;
                if qty > rest {
                    self.open.push(OpenSlot {
                        product: sku.to_string(),
                        left: qty - rest,
                        ready_at: got.0,
                        basis: got.1.clone().unwrap_or(Basis::Stock),
                        source: Source::NewBatch { job: job.clone() },
                    });
                }
                parts.push(part(sku, rest, got.0, Source::NewBatch { job }));
                later(&mut avail, got);
                return Ok(avail);
            }
            later(&mut avail, self.buy(sku, rest, parts));
        }
        Ok(avail)
    }

    /// Purchase orders first (earliest first), then the supplier's lead time.
    fn buy(&mut self, sku: &str, need: Decimal, parts: &mut Vec<SupplyPart>) -> Avail {
        let now = self.data.now;
        let mut avail: Avail = (now, None);
        let mut rest = need;
        for (i, left) in self.incoming.iter_mut() {
            let po = &self.data.incoming[*i];
            if rest <= Decimal::ZERO {
                break;
            }
            if po.sku != sku || *left <= Decimal::ZERO {
                continue;
            }
            let take = rest.min(*left);
            *left -= take;
            rest -= take;
            let at = start_of(po.expected).max(now);
            let source = Source::PurchaseOrder {
                reference: po.reference.clone(),
            };
            parts.push(part(sku, take, at, source.clone()));
            let basis = Basis::Supplier {
                sku: sku.into(),
                until: at.date_naive(),
                source,
            };
            later(&mut avail, (at, (at > now).then_some(basis)));
        }
        if rest > Decimal::ZERO {
            let days = self
                .data
                .items
                .get(sku)
                .and_then(|i| i.lead_time_days)
                .unwrap_or(0);
            let at = if days == 0 {
                now
            } else {
                start_of(now.date_naive() + Duration::days(i64::from(days)))
            };
            let source = Source::LeadTime { days };
            parts.push(part(sku, rest, at, source.clone()));
            let basis = Basis::Supplier {
                sku: sku.into(),
                until: at.date_naive(),
                source,
            };
            later(&mut avail, (at, (at > now).then_some(basis)));
        }
        avail
    }

    /// Plans a new batch: its inputs, then its operations in sequence.
    fn new_batch(
        &mut self,
        job: &str,
        recipe: &Recipe,
        qty: Decimal,
        depth: usize,
        parts: &mut Vec<SupplyPart>,
        ops: &mut Vec<PlannedOperation>,
    ) -> Result<Avail> {
        if depth > MAX_DEPTH {
            return Err(Error::RecipeCycle {
                path: vec![recipe.product.clone()],
            });
        }
        let mut release: Avail = (self.data.now, None);
        for req in recipe.requirements(qty, &self.data.items) {
            let got = self.supply(&req.sku, req.qty, depth, parts, ops)?;
            later(&mut release, got);
        }
        let placed = self.load(&recipe.operations, qty, release)?;
        for p in &placed.0 {
            ops.push(PlannedOperation {
                job: job.into(),
                product: recipe.product.clone(),
                qty,
                work_center: p.work_center.clone(),
                elapsed: p.elapsed.clone(),
                start: p.start,
                end: p.end,
                minutes: p.minutes,
                waited: p.waited,
            });
        }
        Ok(placed.1)
    }

    /// Loads operations one after another from `release`. The basis becomes
    /// the last work center that made the batch wait; when none did and no
    /// material did, the longest operation.
    fn load(
        &mut self,
        operations: &[Operation],
        qty: Decimal,
        release: Avail,
    ) -> Result<(Vec<Placement>, Avail)> {
        let (mut t, mut basis) = release;
        // A child batch that merely took its time decided nothing: only
        // waits (for a supplier or a busy work center) carry up the tree.
        if matches!(basis, Some(Basis::Production { waited: false, .. })) {
            basis = None;
        }
        let mut placed: Vec<Placement> = Vec::with_capacity(operations.len());
        for op in operations {
            let p = match &op.elapsed {
                Some(step) => self.loader.elapse(step, t)?,
                None => {
                    let minutes = operation_minutes(op, qty)?;
                    self.loader.place(&op.work_center, t, minutes)?
                }
            };
            if p.waited {
                basis = Some(production(&p, true));
            }
            t = p.end;
            placed.push(p);
        }
        if basis.is_none() {
            let longest = placed
                .iter()
                .reduce(|a, b| if b.minutes > a.minutes { b } else { a });
            basis = Some(match longest {
                Some(p) => production(p, false),
                None => Basis::Production {
                    work_center: None,
                    start: t,
                    end: t,
                    waited: false,
                },
            });
        }
        Ok((placed, (t, basis)))
    }

    /// Schedules an existing manufacturing order: its reserved inputs are
    /// there now, `children` (its intermediate batches) are ready when they
    /// are, and `short` inputs come from purchase orders or the supplier.
    pub fn schedule_mo(
        &mut self,
        operations: &[Operation],
        qty: Decimal,
        short: &[(String, Decimal)],
        children: &[Avail],
        not_before: DateTime<Utc>,
    ) -> Result<MoPlan> {
        let mut release: Avail = (not_before.max(self.data.now), None);
        for child in children {
            later(&mut release, child.clone());
        }
        let mut parts = Vec::new();
        for (sku, qty) in short {
            let got = self.buy(sku, *qty, &mut parts);
            later(&mut release, got);
        }
        let (placed, (ready_at, basis)) = self.load(operations, qty, release)?;
        let basis = basis.unwrap_or(Basis::Stock);
        let explanation = self.reason(&basis, &parts, &[], "");
        Ok(MoPlan {
            operations: placed,
            ready_at,
            basis,
            explanation,
        })
    }

    /// The bookings made so far, per work center, as calendar positions.
    pub fn tentative(&self) -> &BTreeMap<String, Vec<(i64, i64)>> {
        self.loader.tentative()
    }

    fn item_name(&self, sku: &str) -> String {
        self.data
            .items
            .get(sku)
            .map_or_else(|| sku.to_string(), |i| i.name.clone())
    }

    fn center_name(&self, code: &str) -> String {
        self.data
            .centers
            .get(code)
            .map_or_else(|| code.to_string(), |c| c.name.clone())
    }

    fn explain(&self, lp: &LinePromise) -> String {
        let mut head = format!(
            "ships {}, arrives {}",
            short_date(lp.ship_date),
            short_date(lp.promised_date)
        );
        if let Some(req) = lp.requested_date {
            let late = (lp.promised_date - req).num_days();
            if late > 0 {
                head.push_str(&format!(
                    " ({late} day{} after the requested {})",
                    if late == 1 { "" } else { "s" },
                    short_date(req)
                ));
            }
        }
        format!(
            "{head}: {}",
            self.reason(&lp.basis, &lp.supplies, &lp.operations, &lp.sku)
        )
    }

    /// The reason in words: the latest material (if it waited) and the
    /// deciding work center, or the supplier. `own` is the line's item,
    /// which is not a material of itself.
    fn reason(
        &self,
        basis: &Basis,
        parts: &[SupplyPart],
        ops: &[PlannedOperation],
        own: &str,
    ) -> String {
        let now = self.data.now;
        let material = parts
            .iter()
            .filter(|p| p.available_at > now && p.sku != own)
            .filter(|p| !matches!(p.source, Source::Mo { .. }))
            .reduce(|a, b| {
                if b.available_at > a.available_at {
                    b
                } else {
                    a
                }
            })
            .map(|p| {
                let day = short_date(p.available_at.date_naive());
                match &p.source {
                    Source::NewBatch { .. } => {
                        format!("{} is made by {day}", self.item_name(&p.sku))
                    }
                    _ => format!("{} arrives {day}", self.item_name(&p.sku)),
                }
            });
        match basis {
            Basis::Stock => "in stock".to_string(),
            Basis::Supplier { sku, until, source } => {
                let via = match source {
                    Source::PurchaseOrder { reference: Some(r) } => format!(" on {r}"),
                    Source::LeadTime { days } => format!(" ({days} days supplier lead time)"),
                    _ => String::new(),
                };
                let mut s = format!(
                    "waiting for {} from the supplier until {}{via}",
                    self.item_name(sku),
                    short_date(*until)
                );
                if let Some(last) = ops.iter().max_by_key(|o| o.end) {
                    let day = short_date(last.end.date_naive());
                    match &last.elapsed {
                        Some(step) => s.push_str(&format!(", then {step} until {day}")),
                        None => s.push_str(&format!(
                            ", then {} finishes {day}",
                            self.center_name(&last.work_center)
                        )),
                    }
                }
                s
            }
            Basis::Elapsed { step, start, end } => {
                let what = format!(
                    "{step} from {} until {}",
                    short_date(start.date_naive()),
                    short_date(end.date_naive())
                );
                match material {
                    Some(m) => format!("{m}, {what}"),
                    None => what,
                }
            }
            Basis::Production {
                work_center,
                start,
                end,
                waited,
            } => {
                let center = work_center.as_deref().map(|c| self.center_name(c));
                let what = match (center, waited) {
                    (Some(c), true) => format!("{c} is free {}", short_date(start.date_naive())),
                    (Some(c), false) => format!(
                        "made on {c} {} to {}",
                        short_date(start.date_naive()),
                        short_date(end.date_naive())
                    ),
                    (None, _) => "made without scheduled operations".to_string(),
                };
                match material {
                    Some(m) => format!("{m}, {what}"),
                    None => what,
                }
            }
        }
    }
}

/// Output a later line may join.
struct OpenSlot {
    product: String,
    left: Decimal,
    ready_at: DateTime<Utc>,
    basis: Basis,
    source: Source,
}

fn production(p: &Placement, waited: bool) -> Basis {
    if let Some(step) = &p.elapsed {
        return Basis::Elapsed {
            step: step.clone(),
            start: p.start,
            end: p.end,
        };
    }
    Basis::Production {
        work_center: Some(p.work_center.clone()),
        start: p.start,
        end: p.end,
        waited,
    }
}

/// Moves `avail` to `other` when that is later; ties keep the first reason.
fn later(avail: &mut Avail, other: Avail) {
    if other.0 > avail.0 || (other.0 == avail.0 && avail.1.is_none() && other.1.is_some()) {
        *avail = other;
    }
}

fn part(sku: &str, qty: Decimal, at: DateTime<Utc>, source: Source) -> SupplyPart {
    SupplyPart {
        sku: sku.into(),
        qty,
        available_at: at,
        source,
    }
}

/// Midnight (UTC) at the start of `date`: goods arriving that day are
/// usable from its first working minute.
fn start_of(date: NaiveDate) -> DateTime<Utc> {
    date.and_time(NaiveTime::MIN).and_utc()
}
