// Finds recursion among functions and cycles among global definitions.

/// Rule files must terminate, so no function may call itself, directly or through others,
/// and no global may be defined in terms of itself. Both show up as cycles in the graph of
/// dependencies the resolver recorded.
enum Cycles {
    static func check(_ resolver: Resolver) {
        let graph = resolver.dependencies
        for component in stronglyConnectedComponents(graph) {
            let isCycle = component.count > 1 || graph[component[0]].contains(component[0])
            guard isCycle else { continue }
            report(component.map(resolver.owner(ofNode:)), graph: graph, resolver: resolver)
        }
    }

    private static func report(_ component: [Resolver.Owner], graph: [[Int]], resolver: Resolver) {
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
        let path = cyclePath(from: resolver.node(of: start), within: Set(component.map(resolver.node(of:))), graph: graph)
            .map { name(resolver.owner(ofNode: $0)) }.joined(separator: " → ")
        let allFunctions = component.allSatisfy { if case .function = $0 { true } else { false } }
        if allFunctions {
            resolver.report(
                .recursion, range(start),
                "`\(name(start))` is recursive (\(path)); functions may not call themselves, so every rule terminates",
                fix: "compute the value without recursion, for example with a query over a list or a tier table")
        } else {
            resolver.report(
                .cyclicDefinition, range(start), "`\(name(start))` is defined in terms of itself (\(path))",
                fix: "break the cycle by computing one of these from inputs only")
        }
    }

    /// A shortest path from `start` back to itself inside the component, as a list of nodes.
    private static func cyclePath(from start: Int, within component: Set<Int>, graph: [[Int]]) -> [Int] {
        var previous: [Int: Int] = [:]
        var queue = [start]
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for next in graph[node] where component.contains(next) {
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

    /// Tarjan's algorithm over nodes `0..<graph.count`, iterative so that a long chain of
    /// declarations cannot exhaust the stack.
    static func stronglyConnectedComponents(_ graph: [[Int]]) -> [[Int]] {
        let unvisited = -1
        var index = Array(repeating: unvisited, count: graph.count), lowLink = Array(repeating: 0, count: graph.count)
        var onStack = Array(repeating: false, count: graph.count)
        var stack: [Int] = [], components: [[Int]] = []
        var counter = 0
        for root in graph.indices where index[root] == unvisited {
            var work: [(node: Int, next: Int)] = [(root, 0)]
            index[root] = counter
            lowLink[root] = counter
            counter += 1
            stack.append(root)
            onStack[root] = true
            while let (node, next) = work.last {
                let successors = graph[node]
                if next < successors.count {
                    work[work.count - 1].next += 1
                    let successor = successors[next]
                    if index[successor] == unvisited {
                        index[successor] = counter
                        lowLink[successor] = counter
                        counter += 1
                        stack.append(successor)
                        onStack[successor] = true
                        work.append((successor, 0))
                    } else if onStack[successor] {
                        lowLink[node] = min(lowLink[node], index[successor])
                    }
                    continue
                }
                work.removeLast()
                if let parent = work.last {
                    lowLink[parent.node] = min(lowLink[parent.node], lowLink[node])
                }
                if lowLink[node] == index[node] {
                    var component: [Int] = []
                    while let member = stack.popLast() {
                        onStack[member] = false
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
