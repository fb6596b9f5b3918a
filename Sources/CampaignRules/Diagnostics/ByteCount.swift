// Sizes in bytes as messages print them: `1 GiB`, `16 MiB`, `1.5 KiB`, `300 bytes`.

/// A number of bytes in the largest binary unit that shows it with at most one decimal.
public struct ByteCount: CustomStringConvertible, Sendable {
    public let bytes: Int

    public init(_ bytes: Int) {
        self.bytes = bytes
    }

    public var description: String {
        let units = ["KiB", "MiB", "GiB", "TiB"]
        guard bytes >= 1024 else { return bytes == 1 ? "1 byte" : "\(bytes) bytes" }
        var scale = 1024, unit = 0
        while unit + 1 < units.count, bytes / scale >= 1024 {
            scale *= 1024
            unit += 1
        }
        // Tenths, rounded down, so a size just under a limit never prints as the limit.
        let tenths = bytes / scale * 10 + bytes % scale * 10 / scale
        let whole = tenths / 10, fraction = tenths % 10
        return fraction == 0 ? "\(whole) \(units[unit])" : "\(whole).\(fraction) \(units[unit])"
    }
}
