// Sorting many 64-bit keys in a few linear passes, for allocations over a million items.

enum RadixSort {
    /// Sorts the values in ascending order: least significant 16 bits first, one counting
    /// pass each, a pass skipped when every value has the same 16 bits there. Equal values
    /// are indistinguishable, so stability does not arise; callers pack a position into the
    /// low bits to break ties in list order.
    static func sort(_ values: inout [UInt64]) {
        // Below this many values the passes' 65,536 counters cost more than comparing.
        guard values.count >= 1 << 14 else {
            values.sort()
            return
        }
        var buffer = [UInt64](repeating: 0, count: values.count)
        var counts = [Int](repeating: 0, count: 1 << 16)
        for shift in stride(from: 0, to: 64, by: 16) {
            for index in counts.indices { counts[index] = 0 }
            for value in values { counts[Int((value >> UInt64(shift)) & 0xFFFF)] += 1 }
            // One bucket holds everything: this pass would leave the order as it is.
            if counts.contains(values.count) { continue }
            var start = 0
            for index in counts.indices {
                let count = counts[index]
                counts[index] = start
                start += count
            }
            for value in values {
                let digit = Int((value >> UInt64(shift)) & 0xFFFF)
                buffer[counts[digit]] = value
                counts[digit] += 1
            }
            swap(&values, &buffer)
        }
    }
}
