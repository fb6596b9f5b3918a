// The buffers an itemized plan kernel computes a statement in.

/// The statement being computed: each pipeline's item fields and the lines paid, in buffers a
/// thread reuses from one statement to the next. (One thread's, so its buffers are unchecked
/// for exclusivity, which otherwise costs a runtime call at each access.)
final class ItemSpace<Amount> {
    @exclusivity(unchecked) var amounts: [[Amount]]
    @exclusivity(unchecked) var truths: [[Bool]]
    @exclusivity(unchecked) var paidLines: [Int32] = [], paidItems: [Int32] = [], paidAmounts: [Amount] = []
    @exclusivity(unchecked) var cap: Amount?, minimum: Amount?
    @exclusivity(unchecked) var total: Amount

    init<N: KernelNumbers>(_ kernel: ItemizedPlanKernel, _: N.Type) where N.Amount == Amount {
        amounts = Array(repeating: [], count: kernel.pipelines.count)
        truths = Array(repeating: [], count: kernel.pipelines.count)
        total = N.zero
    }

    func clear() {
        for index in amounts.indices {
            amounts[index].removeAll(keepingCapacity: true)
            truths[index].removeAll(keepingCapacity: true)
        }
        paidLines.removeAll(keepingCapacity: true)
        paidItems.removeAll(keepingCapacity: true)
        paidAmounts.removeAll(keepingCapacity: true)
        (cap, minimum) = (nil, nil)
    }

    /// Records a paid line and returns the total with it.
    @inline(__always)
    func add<N: KernelNumbers>(_ line: Int, item: Int, _ amount: N.Amount, to total: N.Amount, _: N.Type) throws(Deopt) -> N.Amount
    where N.Amount == Amount {
        paidLines.append(Int32(line))
        paidItems.append(Int32(item))
        paidAmounts.append(amount)
        return try N.sum(total, amount)
    }
}
