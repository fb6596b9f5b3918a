// ByteBuffer, the growable byte buffer the printers format into.

/// Bytes appended a few at a time in the printers' row loops.
///
/// A million statements are tens of millions of small appends (a digit run, a separator, a
/// field name). Appending to an `[UInt8]` checks uniqueness and capacity through a generic
/// path each time, which profiling showed to be a third of the printing time; this buffer is a
/// pointer, a count and a capacity, so an append is a capacity test and a copy.
final class ByteBuffer {
    private var start: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 256) {
        self.capacity = max(16, capacity)
        start = UnsafeMutablePointer<UInt8>.allocate(capacity: self.capacity)
    }

    deinit {
        start.deallocate()
    }

    var isEmpty: Bool { count == 0 }

    /// The bytes written so far; valid until the next append or `removeAll`.
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: start, count: count) }

    var last: UInt8? { count > 0 ? start[count - 1] : nil }

    subscript(index: Int) -> UInt8 { start[index] }

    @inline(__always)
    func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        start[count] = byte
        count += 1
    }

    @inline(__always)
    func append(_ byte: UInt8, _ second: UInt8) {
        if count + 2 > capacity { grow(to: count + 2) }
        start[count] = byte
        start[count + 1] = second
        count += 2
    }

    @inline(__always)
    func append(_ other: UnsafeBufferPointer<UInt8>) {
        guard let source = other.baseAddress, !other.isEmpty else { return }
        if count + other.count > capacity { grow(to: count + other.count) }
        (start + count).update(from: source, count: other.count)
        count += other.count
    }

    func append(_ other: [UInt8]) {
        other.withUnsafeBufferPointer { append($0) }
    }

    func append(_ other: ByteBuffer) {
        append(other.bytes)
    }

    func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// Appends `count` copies of `byte`.
    func append(repeating byte: UInt8, count: Int) {
        guard count > 0 else { return }
        if self.count + count > capacity { grow(to: self.count + count) }
        (start + self.count).update(repeating: byte, count: count)
        self.count += count
    }

    /// Drops the last `count` bytes.
    func removeLast(_ count: Int = 1) {
        self.count -= min(count, self.count)
    }

    func removeAll() {
        count = 0
    }

    /// The bytes as a string.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Writes through `body`, which gets room for `maximum` bytes and returns how many it wrote.
    @inline(__always)
    func write(atMost maximum: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        if count + maximum > capacity { grow(to: count + maximum) }
        count += body(start + count)
    }

    @inline(never)
    private func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.initialize(from: start, count: count)
        start.deallocate()
        start = grown
        capacity = newCapacity
    }
}
