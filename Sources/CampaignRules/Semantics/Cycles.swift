// Finds recursion among functions and cycles among global definitions.

/// Rule files must terminate, so no function may call itself, directly or through others,
/// and no global may be defined in terms of itself. Both show up as cycles in the graph of
/// dependencies the resolver recorded.
enum Cycles {
    static func check(_ resolver: Resolver) {
        var graph: [Resolver.Owner: [Resolver.Owner]] = [:]
        for (owner, targets) in resolver.dependencies { graph[owner] = targets.map(\.0) }
        for component in stronglyConnectedComponents(graph) {
            let isCycle = component.count > 1 || (graph[component[0]] ?? []).contains(component[0])
            guard isCycle else { continue }
            report(component, graph: graph, resolver: resolver)
        }
    }

    private static func report(_ component: [Resolver.Owner], graph: [Resolver.Owner: [Resolver.Owner]], resolver: Resolver) {
        func range(_ owner: Resolver.Owner) -> SourceRange {
            switch owner {
            case .function(let index): resolver.functions[index].declaration.name.range
            case .global(let index): resolver.globals[index].name.range
            }
        }
        func name(_ owner: Resolver.Owner) -> String {
            switch owner {
            case .function(let index): resolver.functions[index].declaration.name.name
            case .global(let index): resolver.globals[index].name.name
            }
        }
        let start = component.min { range($0).start < range($1).start } ?? component[0]
        let path = cyclePath(from: start, within: Set(component), graph: graph).map(name).joined(separator: " → ")
        let allFunctions = component.allSatisfy { if case .function = $0 { true } else { false } }
        if allFunctions {
            resolver.report(.recursion, range(start),
                            "`\(name(start))` is recursive (\(path)); functions may not call themselves, so every rule terminates",
                            fix: "compute the value without recursion, for example with a query over a list or a tier table")
        } else {
            resolver.report(.cyclicDefinition, range(start), "`\(name(start))` is defined in terms of itself (\(path))",
                            fix: "break the cycle by computing one of these from inputs only")
        }
    }

    /// A shortest path from `start` back to itself inside the component, as a list of names' owners.
    private static func cyclePath(from start: Resolver.Owner, within component: Set<Resolver.Owner>,
                                  graph: [Resolver.Owner: [Resolver.Owner]]) -> [Resolver.Owner] {
        var previous: [Resolver.Owner: Resolver.Owner] = [:]
        var queue = [start]
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for next in graph[node] ?? [] where component.contains(next) {
                if next == start {
                    var path = [start]
                    var cursor = node
                    while cursor != start, let before = previous[cursor] {
                        path.insert(cursor, at: 1)
                        cursor = before
                    }
                    return path + [start]
                }
                if previous[next] == nil {
                    previous[next] = node
                    queue.append(next)
                }
            }
        }
        return [start, start]
    }

    /// Tarjan's algorithm, iterative so that a long chain of declarations cannot exhaust the stack.
    static func stronglyConnectedComponents<Node: Hashable>(_ graph: [Node: [Node]]) -> [[Node]] {
        var index: [Node: Int] = [:], lowLink: [Node: Int] = [:]
        var onStack: Set<Node> = [], stack: [Node] = [], components: [[Node]] = []
        var counter = 0
        let nodes = Set(graph.keys).union(graph.values.joined())
        for root in nodes where index[root] == nil {
            var work: [(node: Node, next: Int)] = [(root, 0)]
            index[root] = counter; lowLink[root] = counter; counter += 1
            stack.append(root); onStack.insert(root)
            while let (node, next) = work.last {
                let successors = graph[node] ?? []
                if next < successors.count {
                    work[work.count - 1].next += 1
                    let successor = successors[next]
                    if index[successor] == nil {
                        index[successor] = counter; lowLink[successor] = counter; counter += 1
                        stack.append(successor); onStack.insert(successor)
                        work.append((successor, 0))
                    } else if onStack.contains(successor) {
                        lowLink[node] = min(lowLink[node] ?? 0, index[successor] ?? 0)
                    }
                    continue
                }
                work.removeLast()
                if let parent = work.last {
                    lowLink[parent.node] = min(lowLink[parent.node] ?? 0, lowLink[node] ?? 0)
                }
                if lowLink[node] == index[node] {
                    var component: [Node] = []
                    while let member = stack.popLast() {
                        onStack.remove(member)
                        component.append(member)
                        if member == node { break }
                    }
                    components.append(component)
                }
            }
        }
        return components
    }
}
