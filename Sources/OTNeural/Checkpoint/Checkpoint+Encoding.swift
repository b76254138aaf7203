import OTKernels

#if _endian(big)
#error("Checkpoint encoding copies IEEE-754 values as little-endian bytes; big-endian hosts are not supported")
#endif

extension Checkpoint {
    /// The 8 magic bytes, `"SWOTCKPT"`.
    static var magic: [UInt8] { Array("SWOTCKPT".utf8) }
    /// Bytes before the payload: magic, version, CRC-32, payload length.
    static var headerSize: Int { 24 }

    /// The checkpoint in the version-1 file format (see ``Checkpoint``).
    /// - Complexity: O(total tensor size) bytes.
    public func encoded() -> [UInt8] {
        var payload = ByteWriter()
        payload.append(fingerprint)
        payload.append(UInt64(step))
        payload.append(UInt32(randomState.count))
        for w in randomState { payload.append(w) }
        payload.append(tensors)
        if let optimizer {
            payload.append(UInt8(1))
            payload.append(optimizer.kind)
            payload.append(UInt64(optimizer.stepCount))
            payload.append(optimizer.tensors)
        } else {
            payload.append(UInt8(0))
        }
        var file = ByteWriter()
        file.bytes.reserveCapacity(Self.headerSize + payload.bytes.count)
        file.bytes.append(contentsOf: Self.magic)
        file.append(Self.formatVersion)
        file.append(CRC32.checksum(payload.bytes))
        file.append(UInt64(payload.bytes.count))
        file.bytes.append(contentsOf: payload.bytes)
        return file.bytes
    }

    /// Decodes a checkpoint, checking magic, version, length, CRC-32, structure and that every
    /// tensor is stored as `Scalar`. `path` only labels errors.
    /// - Throws: ``CheckpointError`` naming the first problem found.
    /// - Complexity: O(bytes.count).
    public init(decoding bytes: [UInt8], path: String = "(in memory)") throws(CheckpointError) {
        func fail(_ reason: CheckpointError.Reason) -> CheckpointError { CheckpointError(path: path, reason: reason) }
        guard bytes.count >= Self.magic.count, Array(bytes[0..<Self.magic.count]) == Self.magic else {
            throw fail(bytes.count < Self.magic.count && Self.magic.starts(with: bytes)
                ? .truncated(expectedBytes: Self.headerSize, actualBytes: bytes.count) : .badMagic)
        }
        guard bytes.count >= Self.headerSize else {
            throw fail(.truncated(expectedBytes: Self.headerSize, actualBytes: bytes.count))
        }
        var header = ByteReader(bytes: bytes, offset: Self.magic.count)
        do throws(CheckpointError.Reason) {
            let version: UInt32 = try header.integer()
            guard version == Self.formatVersion else {
                throw CheckpointError.Reason.unsupportedVersion(found: version, supported: Self.formatVersion)
            }
            let storedCRC: UInt32 = try header.integer()
            let length: UInt64 = try header.integer()
            let expected = UInt64(Self.headerSize).addingReportingOverflow(length)
            guard !expected.overflow, expected.partialValue <= UInt64(bytes.count) else {
                throw CheckpointError.Reason.truncated(
                    expectedBytes: expected.overflow ? Int.max : Int(clamping: expected.partialValue),
                    actualBytes: bytes.count)
            }
            guard expected.partialValue == UInt64(bytes.count) else {
                throw CheckpointError.Reason.malformed("\(UInt64(bytes.count) - expected.partialValue) bytes after the payload")
            }
            let computedCRC = CRC32.checksum(bytes[Self.headerSize...])
            guard computedCRC == storedCRC else {
                throw CheckpointError.Reason.checksumMismatch(stored: storedCRC, computed: computedCRC)
            }
            var reader = ByteReader(bytes: bytes, offset: Self.headerSize)
            let fingerprint = try reader.string()
            let step: UInt64 = try reader.integer()
            let wordCount: UInt32 = try reader.integer()
            var words = [UInt64]()
            for _ in 0..<wordCount { words.append(try reader.integer()) }
            let tensors: [NamedTensor<Scalar>] = try reader.tensors()
            let hasOptimizer: UInt8 = try reader.integer()
            var optimizer: OptimizerState<Scalar>?
            switch hasOptimizer {
            case 0: optimizer = nil
            case 1:
                let kind = try reader.string()
                let count: UInt64 = try reader.integer()
                optimizer = OptimizerState(kind: kind, stepCount: Int(clamping: count), tensors: try reader.tensors())
            default: throw CheckpointError.Reason.malformed("optimizer flag \(hasOptimizer), expected 0 or 1")
            }
            guard reader.offset == bytes.count else {
                throw CheckpointError.Reason.malformed("\(bytes.count - reader.offset) unread payload bytes")
            }
            self.init(fingerprint: fingerprint, step: Int(clamping: step), randomState: words, tensors: tensors,
                      optimizer: optimizer)
            origin = path
        } catch let reason {
            throw fail(reason)
        }
    }
}

/// The scalar-type code of a tensor in a checkpoint: 1 = float32, 2 = float64.
@usableFromInline
func scalarTypeCode<S: OTScalar>(_: S.Type) -> UInt8 { MemoryLayout<S>.size == 4 ? 1 : 2 }

/// Appends little-endian values to a byte array.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func append<I: FixedWidthInteger>(_ value: I) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ string: String) {
        let utf8 = Array(string.utf8)
        append(UInt32(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    mutating func append<S: OTScalar>(_ tensors: [NamedTensor<S>]) {
        append(UInt32(tensors.count))
        for t in tensors {
            append(t.name)
            append(scalarTypeCode(S.self))
            append(UInt32(2))
            append(UInt64(t.value.rows))
            append(UInt64(t.value.columns))
            t.value.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeRawBufferPointer($0)) }
        }
    }
}

/// Reads little-endian values from a byte array; every read past the end throws `.malformed`.
struct ByteReader {
    let bytes: [UInt8]
    var offset: Int

    mutating func take(_ count: Int) throws(CheckpointError.Reason) -> ArraySlice<UInt8> {
        guard count >= 0, count <= bytes.count - offset else {
            throw .malformed("a field of \(count) bytes at offset \(offset) runs past the end")
        }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    mutating func integer<I: FixedWidthInteger>() throws(CheckpointError.Reason) -> I {
        let slice = try take(MemoryLayout<I>.size)
        var value = I.zero
        withUnsafeMutableBytes(of: &value) { $0.copyBytes(from: slice) }
        return I(littleEndian: value)
    }

    mutating func string() throws(CheckpointError.Reason) -> String {
        let count: UInt32 = try integer()
        let slice = try take(Int(count))
        guard let s = String(validating: slice, as: UTF8.self) else {
            throw .malformed("invalid UTF-8 at offset \(offset - Int(count))")
        }
        return s
    }

    mutating func tensors<S: OTScalar>() throws(CheckpointError.Reason) -> [NamedTensor<S>] {
        let count: UInt32 = try integer()
        var out = [NamedTensor<S>]()
        for _ in 0..<count {
            let name = try string()
            let code: UInt8 = try integer()
            guard code == 1 || code == 2 else { throw .malformed("tensor \"\(name)\" has scalar type code \(code)") }
            guard code == scalarTypeCode(S.self) else {
                throw .scalarTypeMismatch(tensor: name, expected: S.precisionName,
                                          found: code == 1 ? Float.precisionName : Double.precisionName)
            }
            let rank: UInt32 = try integer()
            guard rank == 2 else { throw .malformed("tensor \"\(name)\" has rank \(rank), expected 2") }
            let rows: UInt64 = try integer(), columns: UInt64 = try integer()
            let (elements, overflow) = rows.multipliedReportingOverflow(by: columns)
            let (byteCount, overflow2) = elements.multipliedReportingOverflow(by: UInt64(MemoryLayout<S>.size))
            guard !overflow && !overflow2 && byteCount <= UInt64(bytes.count - offset) else {
                throw .malformed("tensor \"\(name)\" of \(rows) x \(columns) runs past the end")
            }
            let slice = try take(Int(byteCount))
            let values = [S](unsafeUninitializedCapacity: Int(elements)) { buffer, initialized in
                UnsafeMutableRawBufferPointer(buffer).copyBytes(from: slice)
                initialized = Int(elements)
            }
            out.append(NamedTensor(name: name, value: Matrix(rows: Int(rows), columns: Int(columns), elements: values)))
        }
        return out
    }
}
