import Foundation
import PorchRules

/// A weights file as it was read, in bytes, and back: what a prepared rules folder (`PreparedRules`) keeps so a
/// one-post command does not parse the tens of thousands of lines of `model/crisis.tsv` and `model/spam.tsv` again.
/// This build's own layout, in this machine's byte order (the prepared file is keyed by the binary's stamp).
extension WeightsFile {
    /// The file as read: its name, settings and columns, then its features' names, weights and hashes (the table of
    /// hashes to rows is built again: a quarter of a millisecond, against megabytes of slots to copy and check).
    var encoded: [UInt8] {
        var out = KeptBytes.Writer()
        out.string(name)
        out.array(settings.sorted { $0.key < $1.key }) { out, setting in
            out.string(setting.key)
            out.string(setting.value)
        }
        out.array(columns) { $0.string($1) }
        out.values(nameBytes)
        out.values(nameEnds)
        out.values(weights)
        out.values(table.hashes(rows: nameEnds.count))
        return out.bytes
    }

    /// The file `encoded` wrote; nil when the bytes are not one, or its parts do not fit together (as many names,
    /// hashes and rows of weights, names' ends in order), so a damaged file is never read past its arrays.
    init?(encoded bytes: UnsafeRawBufferPointer) {
        var input = KeptBytes.Reader(bytes)
        guard let name = input.string(),
            let settings = input.array({ input -> (String, String)? in
                guard let key = input.string(), let value = input.string() else { return nil }
                return (key, value)
            }),
            let columns = input.array({ $0.string() }), !columns.isEmpty,
            let nameBytes = input.values(UInt8.self), let nameEnds = input.values(Int32.self),
            let weights = input.values(Double.self), let hashes = input.values(UInt64.self), input.isAtEnd,
            hashes.count == nameEnds.count, weights.count == nameEnds.count * columns.count,
            nameEnds.last.map({ Int($0) == nameBytes.count }) ?? nameBytes.isEmpty,
            zip(nameEnds, nameEnds.dropFirst()).allSatisfy({ $0 <= $1 }), nameEnds.first.map({ $0 >= 0 }) ?? true
        else { return nil }
        self.name = name
        self.settings = Dictionary(settings, uniquingKeysWith: { first, _ in first })
        self.columns = columns
        self.nameBytes = nameBytes
        self.nameEnds = nameEnds
        self.weights = weights
        table = FeatureTable(hashes)
    }
}

extension WeightsFile {
    /// The weights file `name` of the rules folder `rules`: as a prepared folder kept it read (`kept`), else read
    /// from its text now; nil when the folder has no such file.
    static func named(_ name: String, in rules: RuleSet, kept: [String: WeightsFile]) throws(RuleLoadError)
        -> WeightsFile?
    {
        if let file = kept[name] { return file }
        guard let text = rules.modelFiles[name] else { return nil }
        return try WeightsFile(name: name, text: text)
    }
}

/// Length-prefixed fields in bytes this build wrote, each read back checked against the bytes left.
enum KeptBytes {
    struct Writer {
        private(set) var bytes: [UInt8] = []

        mutating func int(_ value: Int) { withUnsafeBytes(of: UInt64(value)) { bytes += $0 } }

        /// A count, then the values' own bytes.
        mutating func values<Value: BitwiseCopyable>(_ values: [Value]) {
            int(values.count)
            values.withUnsafeBytes { bytes += $0 }
        }

        mutating func string(_ value: String) { values(Array(value.utf8)) }

        mutating func array<Element>(_ elements: [Element], _ write: (inout Writer, Element) -> Void) {
            int(elements.count)
            for element in elements { write(&self, element) }
        }
    }

    struct Reader {
        let raw: UnsafeRawBufferPointer
        private(set) var offset = 0

        init(_ raw: UnsafeRawBufferPointer) { self.raw = raw }

        var isAtEnd: Bool { offset == raw.count }

        mutating func take(_ count: Int) -> UnsafeRawBufferPointer? {
            guard count >= 0, count <= raw.count - offset else { return nil }
            defer { offset += count }
            return UnsafeRawBufferPointer(rebasing: raw[offset..<offset + count])
        }

        mutating func int() -> Int? { take(8).map { Int(truncatingIfNeeded: $0.loadUnaligned(as: UInt64.self)) } }

        /// A length-prefixed run of bytes.
        mutating func field() -> UnsafeRawBufferPointer? { int().flatMap { take($0) } }

        /// Values `Writer.values` wrote, copied out.
        mutating func values<Value: BitwiseCopyable>(_: Value.Type) -> [Value]? {
            let stride = MemoryLayout<Value>.stride
            guard let count = int(), count >= 0, count <= (raw.count - offset) / stride,
                let source = take(count * stride)
            else { return nil }
            return [Value](unsafeUninitializedCapacity: count) { buffer, initialized in
                if count > 0 { UnsafeMutableRawBufferPointer(buffer).copyMemory(from: source) }
                initialized = count
            }
        }

        mutating func string() -> String? { values(UInt8.self).map { String(decoding: $0, as: UTF8.self) } }

        mutating func array<Element>(_ read: (inout Reader) -> Element?) -> [Element]? {
            guard let count = int(), count >= 0, count <= raw.count - offset else { return nil }
            var elements: [Element] = []
            elements.reserveCapacity(count)
            for _ in 0..<count {
                guard let element = read(&self) else { return nil }
                elements.append(element)
            }
            return elements
        }
    }
}
