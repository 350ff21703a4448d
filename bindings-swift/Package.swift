// swift-tools-version:5.9
// lotwise for Swift: the UniFFI-generated `Lotwise` module over the Rust
// library `lotwise_ffi` (static). `scripts/uniffi-generate.sh` writes
// Sources/LotwiseFFI/{LotwiseFFI.h,module.modulemap} and
// Sources/Lotwise/Lotwise.swift; `scripts/swift.sh` builds the library and
// runs `swift test`. For an app, build an XCFramework instead (README).
import PackageDescription

// Where liblotwise_ffi.a is: alone in its directory, so the linker cannot
// pick the .so beside it.
let rustLib = Context.environment["LOTWISE_RUST_LIB_DIR"]
    ?? Context.packageDirectory + "/../target/swift-lib"

let package = Package(
    name: "Lotwise",
    products: [
        .library(name: "Lotwise", targets: ["Lotwise"]),
    ],
    targets: [
        .systemLibrary(name: "LotwiseFFI", path: "Sources/LotwiseFFI"),
        .target(
            name: "Lotwise",
            dependencies: ["LotwiseFFI"],
            path: "Sources/Lotwise",
            linkerSettings: [.unsafeFlags(["-L", rustLib]), .linkedLibrary("lotwise_ffi")]
        ),
        .testTarget(name: "LotwiseTests", dependencies: ["Lotwise"], path: "Tests/LotwiseTests"),
    ]
)
