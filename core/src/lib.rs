//! # lotwise
//!
//! An embeddable make-to-order engine for small manufacturers: recipes,
//! lots and a double-entry stock ledger, FEFO reservations, manufacturing
//! orders tied to sales orders, shipping and lot traceability.
//!
//! Every command is one transaction; a failed command changes nothing.
//! Quantities are decimals with explicit units; the clock is injected.
//!
//! ```
//! use lotwise::*;
//!
//! let lw = Lotwise::open(":memory:")?;
//! lw.define_item(NewItem::new("WAX", "Soy wax", ItemKind::Material, Uom::Kg))?;
//! lw.define_item(NewItem::new("JAR", "Amber jar 8oz", ItemKind::Packaging, Uom::Pcs))?;
//! lw.define_item(NewItem::new("CANDLE", "Lavender candle", ItemKind::Product, Uom::Pcs))?;
//! lw.define_recipe(NewRecipe {
//!     product: "CANDLE".into(),
//!     batch_size: "12 pcs".parse()?,
//!     inputs: vec![
//!         NewRecipeInput { sku: "WAX".into(), qty: "2.4 kg".parse()?, scrap_pct: 0.into() },
//!         NewRecipeInput { sku: "JAR".into(), qty: "12 pcs".parse()?, scrap_pct: 0.into() },
//!     ],
//!     yield_pct: None,
//!     operations: vec![],
//! })?;
//! lw.receive(Receipt::new("WAX", "10 kg".parse()?))?;
//! lw.receive(Receipt::new("JAR", "100 pcs".parse()?))?;
//!
//! let placed = lw.place_order(NewOrder {
//!     channel: "etsy".into(),
//!     external_ref: Some("3141592".into()),
//!     customer: Customer { name: "Grace Hopper".into(), email: None, ..Default::default() },
//!     ship_to: None,
//!     lines: vec![NewOrderLine {
//!         sku: "CANDLE".into(), qty: "3 pcs".parse()?, unit_price: Some("18.00 USD".parse()?),
//!         requested_date: None, lot: None, min_remaining_shelf_life_days: None,
//!     }],
//!     tags: vec![], notes: None,
//! })?;
//! let id = placed.order.id;
//! let report = lw.confirm_order(&id)?;
//! assert_eq!(report.status, OrderStatus::MaterialsReserved);
//! let mo = &report.mos[0];
//! lw.start_mo(mo)?;
//! lw.complete_mo(mo, Completion::default())?;
//! assert_eq!(lw.order(&id)?.status, OrderStatus::ReadyToShip);
//! lw.ship(&id, ShipRequest { carrier: "USPS".into(), tracking: "9400".into(), ..Default::default() })?;
//! assert_eq!(lw.order(&id)?.status, OrderStatus::Shipped);
//! let batch_lot = lw.mo(mo)?.output.unwrap().lot;
//! let wax_lot = &lw.trace_backward(&batch_lot)?.lots[1].lot;
//! assert_eq!(lw.recall(wax_lot)?.customers, vec!["Grace Hopper".to_string()]);
//! # Ok::<(), lotwise::Error>(())
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod api;
pub mod channels;
pub mod clock;
pub mod domain;
mod engine;
pub mod error;
pub mod export;
pub mod store;

pub use clock::{Clock, FixedClock, SystemClock};
pub use domain::automation::{Action, Condition, OrderHold, Rule, Trigger};
pub use domain::calendar::{NewCalendar, WorkCalendar};
pub use domain::capacity::{NewWorkCenter, WorkCenter};
pub use domain::catalog::{Item, ItemCategory, ItemKind, NewItem, NewPack, Tracking};
pub use domain::cost_analytics::{CostAnalytics, CostAnalyticsQuery, InventoryValue, MarginRow};
pub use domain::costing::{
    BatchCost, CostLine, CostSettings, OperationCost, ShipmentCost, ShippedCost, WorkCenterRate,
};
pub use domain::customer::{
    ChannelCustomerId, CustomerOrder, CustomerRecord, CustomerSummary, CustomerUpdate, NewCustomer,
    Segment, SegmentFilter,
};
pub use domain::delay::{DelayCheck, DelayedLine, OrderDelay};
pub use domain::elapsed::ElapsedStep;
pub use domain::event::{Event, EventData};
pub use domain::ledger::{Balance, Movement, MovementReason};
pub use domain::location::{Location, LocationKind};
pub use domain::lot::{HoldReason, Lot, LotHold, LotOrigin};
pub use domain::money::Money;
pub use domain::order::{
    Address, Customer, NewOrder, NewOrderLine, OrderLine, OrderStatus, SalesOrder,
};
pub use domain::production::{
    Allocation, Completion, Consumption, Feed, ManufacturingOrder, MoStatus, Output,
};
pub use domain::promise::{
    Basis, IncomingSupply, LinePromise, PlannedOperation, PlanningSettings, Promise,
    ShippingMethod, Source, SupplyPart,
};
pub use domain::purchasing::{
    NewPoLine, NewPurchaseOrder, NewSupplier, NewSupplierItem, OpenPoLine, PoLine, PoReceiptLine,
    PoReceiptRecord, PoStatus, PurchaseOrder, Supplier, SupplierItem,
};
pub use domain::quantity::{Dimension, Qty, Uom};
pub use domain::recipe::{NewRecipe, NewRecipeInput, Operation, Recipe, RecipeLine, Requirement};
pub use domain::replenishment::{
    NeedCover, ProductionSuggestion, PurchasePlan, PurchaseSuggestion,
};
pub use domain::reservation::{Demand, Reservation};
pub use domain::returns::{Disposition, NewReturn, NewReturnLine, Return, ReturnLine};
pub use domain::routing::{LocationCheck, RouteLeg, RouteLine, Routing, RoutingRule};
pub use domain::shipment::{ShipLine, ShipRequest, Shipment, ShipmentLine};
pub use domain::trace::{
    RecallContact, RecallDelivery, RecallLot, RecallReceived, RecallReport, Trace, TraceEdge,
    TraceLot,
};
pub use domain::transfer::{
    Availability, LocationStock, NewTransfer, NewTransferLine, Transfer, TransferLine,
    TransferStatus,
};
pub use domain::units::{Pack, PackName, Unit};
pub use domain::valuation::{
    CostFlows, EstimateLine, EstimateQuery, LineMargin, MarginQuery, OrderMargin, RecipeEstimate,
    Valuation, ValuationQuery, ValuedLot, ValuedStock,
};
pub use engine::*;
pub use error::{Error, ErrorCategory, ErrorCode, ErrorReport, Result};
pub use rust_decimal::Decimal;
