// swift-tools-version:6.0
// CampaignRules: an exact, safe rules language for affiliate and influencer campaigns.
// The package names no dependencies on purpose: the toolchain is all it uses (see docs/design.md).
import PackageDescription

let package = Package(
    name: "CampaignRules",
    products: [
        .library(name: "CampaignRules", targets: ["CampaignRules"]),
        .executable(name: "rules", targets: ["rules"]),
        .executable(name: "rules-bench", targets: ["rules-bench"]),
    ],
    targets: [
        .target(name: "CampaignRules"),
        .executableTarget(name: "rules", dependencies: ["CampaignRules"]),
        // The benchmark harness (docs/performance.md); not part of `swift test`.
        .executableTarget(name: "rules-bench", dependencies: ["CampaignRules"]),
        .testTarget(
            name: "CampaignRulesTests",
            dependencies: ["CampaignRules"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "RulesCommandTests",
            dependencies: ["rules"]
        ),
    ]
)
