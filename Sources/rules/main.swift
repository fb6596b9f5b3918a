// The `rules` command: check, test and run campaign rule files.

import CampaignRules
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let status = RulesCommand.main(Array(CommandLine.arguments.dropFirst()))
exit(status.rawValue)
