// swift-tools-version:6.0
// A small host app that embeds CampaignRules: it compiles a rule file once, binds its own
// model types as inputs, registers a host function and prints explained payouts.
import PackageDescription

let package = Package(
    name: "PayoutHost",
    dependencies: [.package(name: "CampaignRules", path: "../..")],
    targets: [
        .executableTarget(name: "PayoutHost", dependencies: [.product(name: "CampaignRules", package: "CampaignRules")]),
    ]
)
