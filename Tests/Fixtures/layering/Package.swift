// swift-tools-version:6.0
// A fixture for scripts/check-imports: Top imports Low, which its line does not list
// (it reaches Low only through Mid).
import PackageDescription

let package = Package(
    name: "layering",
    targets: [
        .target(name: "Low"),
        .target(name: "Mid", dependencies: ["Low"]),
        .target(name: "Top", dependencies: ["Mid"]),
    ]
)
