// Deciding from the walk's facts whether the names a run prints can be split, and by what.

extension PartitionFacts {
    /// The answer for a run that prints `names`: only the declarations they need count.
    func partitioning(printing names: [String]) -> Partitioning {
        let printed = names.compactMap { name in globalNames.firstIndex(of: name) }
        let needed = closure(of: printed.map(Owner.global))
        var problems: [Diagnostic] = []
        let key = splittingKey(plans: needed, problems: &problems)
        let planNames = Set(plans.keys.filter { needed.contains(.global($0)) }.map { globalNames[$0] })
        let kept = self.problems.filter { problem in
            guard needed.contains(problem.owner) else { return false }
            switch problem.source {
            case .always: return true
            case .input(let input): return input == key?.input
            case .statements(let plan): return planNames.contains(plan)
            }
        }
        problems += kept.map(\.diagnostic)
        if let key {
            problems += outputsNotPartitioned(printed, by: key.input, plans: planNames, reported: Set(kept.map(\.owner)))
        }
        guard let key, problems.isEmpty else { return .unsafe(Array(Set(problems)).sorted()) }
        return .safe(input: key.input, field: key.field)
    }

    /// Every declaration that evaluating `roots` may evaluate, the roots included.
    private func closure(of roots: [Owner]) -> Set<Owner> {
        var found = Set(roots), pending = roots
        while let next = pending.popLast() {
            for named in references[next] ?? [] where found.insert(named).inserted { pending.append(named) }
        }
        return found
    }

    /// The input and column that split the needed plans' statements, or nil after adding why none does.
    private func splittingKey(plans needed: Set<Owner>, problems: inout [Diagnostic]) -> (input: String, field: String)? {
        let chosen = plans.keys.filter { needed.contains(.global($0)) }.sorted()
        var resolved: [(plan: Int, input: String, fields: Set<String>?, preferred: String?)] = []
        for index in chosen {
            guard let origin = origin(of: index) else { continue }
            if let first = resolved.first, first.input != origin.input {
                let wording = PartitionMessages.severalInputs(
                    plan: globalNames[first.plan], input: first.input, other: globalNames[index], otherInput: origin.input)
                problems.append(Diagnostic(.notPartitionable, at: globalRanges[index], wording.message, fix: wording.fix))
                return nil
            }
            resolved.append((index, origin.input, origin.fields, origin.preferred))
        }
        guard let first = resolved.first else {
            // Every plan not traced to an input is reported already; say so only when there is none.
            if chosen.isEmpty {
                let wording = PartitionMessages.noPlan()
                problems.append(Diagnostic(.notPartitionable, at: SourceRange(start: 0, end: 0), wording.message, fix: wording.fix))
            }
            return nil
        }
        return column(splitting: resolved, problems: &problems).map { (first.input, $0) }
    }

    /// A column every grouping plan groups by (plans over single rows split by any column).
    private func column(
        splitting plans: [(plan: Int, input: String, fields: Set<String>?, preferred: String?)], problems: inout [Diagnostic]
    ) -> String? {
        var common: Set<String>?, firstGrouping: Int?
        for plan in plans {
            guard let fields = plan.fields else { continue }
            let narrowed = common.map { $0.intersection(fields) } ?? fields
            if narrowed.isEmpty, let firstGrouping {
                let wording = PartitionMessages.noCommonColumn(plan: globalNames[firstGrouping], other: globalNames[plan.plan])
                problems.append(Diagnostic(.notPartitionable, at: globalRanges[plan.plan], wording.message, fix: wording.fix))
                return nil
            }
            common = narrowed
            firstGrouping = firstGrouping ?? plan.plan
        }
        if let common { return common.sorted().first }
        if let preferred = plans.lazy.compactMap(\.preferred).first { return preferred }
        // Statements keyed at run time read `id`, `handle` or `name`, the first the rows have.
        let columns = inputColumns[plans[0].input] ?? []
        return BoundPlan.KeySource.identifyingFields.first(where: columns.contains) ?? columns.first ?? "id"
    }

    /// The input a plan's statements come from (through plans over plans), the columns that
    /// split them (nil: any), and the column its key reads.
    private func origin(of plan: Int, depth: Int = 0) -> (input: String, fields: Set<String>?, preferred: String?)? {
        guard depth < 32, let subjects = plans[plan] else { return nil }
        switch subjects {
        case .rows(let input, let preferred): return (input, nil, preferred)
        case .groups(let input, let fields): return (input, fields, nil)
        case .statements(let other): return globalNames.firstIndex(of: other).flatMap { origin(of: $0, depth: depth + 1) }
        case .unknown: return nil
        }
    }

    /// The printed outputs that are not lists split along with the input, apart from those
    /// whose code was already reported.
    private func outputsNotPartitioned(_ printed: [Int], by input: String, plans: Set<String>, reported: Set<Owner>) -> [Diagnostic] {
        printed.compactMap { index in
            guard let extent = outputs[index], !reported.contains(.global(index)) else { return nil }
            switch extent {
            case .rows(input, _), .groups(input, _): return nil
            case .statements(let plan) where plans.contains(plan): return nil
            default:
                let wording = PartitionMessages.outputNotPartitioned(output: globalNames[index], input: input)
                return Diagnostic(.notPartitionable, at: globalRanges[index], wording.message, fix: wording.fix)
            }
        }
    }
}
