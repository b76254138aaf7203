import OTKernels

/// An array in the IDX format of the MNIST files: an element type, big-endian dimensions and
/// the packed big-endian elements.
///
/// On disk: two zero bytes, the element type code, the number of dimensions `d`, then `d`
/// big-endian 32-bit extents, then the elements in row-major order, each big-endian.
public struct IDXArray: Equatable, Sendable {
    /// The element types IDX defines, by their type code.
    public enum ElementType: UInt8, Sendable, CaseIterable {
        /// Unsigned byte (code 0x08): MNIST pixels and labels.
        case uint8 = 0x08
        /// Signed byte (code 0x09).
        case int8 = 0x09
        /// Big-endian 16-bit signed integer (code 0x0B).
        case int16 = 0x0B
        /// Big-endian 32-bit signed integer (code 0x0C).
        case int32 = 0x0C
        /// Big-endian IEEE 754 binary32 (code 0x0D).
        case float32 = 0x0D
        /// Big-endian IEEE 754 binary64 (code 0x0E).
        case float64 = 0x0E

        /// Bytes per element.
        public var byteCount: Int {
            switch self {
            case .uint8, .int8: return 1
            case .int16: return 2
            case .int32, .float32: return 4
            case .float64: return 8
            }
        }
    }

    /// The element type.
    public let elementType: ElementType
    /// The extent of each dimension, outermost first (MNIST images: `[n, 28, 28]`).
    public let dimensions: [Int]
    /// The packed elements exactly as stored (big-endian). Its indices start at
    /// `payload.startIndex`, which need not be 0: it shares the buffer the file was read into.
    public let payload: ArraySlice<UInt8>

    /// An array over packed big-endian `payload` bytes.
    /// - Precondition: `payload.count == elementType.byteCount * dimensions.reduce(1, *)`.
    public init(elementType: ElementType, dimensions: [Int], payload: ArraySlice<UInt8>) {
        precondition(dimensions.allSatisfy { $0 >= 0 }, "IDXArray: negative extent in \(dimensions)")
        precondition(payload.count == elementType.byteCount * dimensions.reduce(1, *),
                     "IDXArray: \(payload.count) payload bytes for \(dimensions) of \(elementType)")
        self.elementType = elementType
        self.dimensions = dimensions
        self.payload = payload
    }

    /// The number of elements, the product of ``dimensions``.
    public var count: Int { payload.count / elementType.byteCount }

    /// Every element converted to `S` and multiplied by `scale`, in row-major order.
    ///
    /// Integers convert exactly except 32-bit ones into `Float` (rounded to nearest); the
    /// product with `scale` is rounded once. MNIST pixels scaled to `[0, 1]` are
    /// `values(as: Float.self, scale: 1 / 255)`.
    /// - Complexity: O(count), vectorized, on all cores for large arrays.
    public func values<S: OTScalar>(as _: S.Type = S.self, scale: S = 1) -> [S] {
        if S.self == Float.self && elementType == .uint8 {
            return ScalarArrays.cast(unsignedBytes(scale: Float(scale)))
        }
        if S.self == Float.self { return ScalarArrays.cast(decoded(scale: Float(scale))) }
        return ScalarArrays.cast(decoded(scale: Double(scale)))
    }

    /// The elements as a matrix with one row per outermost index (`dimensions[0]` rows of
    /// `count / dimensions[0]` columns), converted and scaled as in ``values(as:scale:)``.
    /// - Precondition: at least one dimension.
    /// - Complexity: O(count).
    public func matrix<S: OTScalar>(as _: S.Type = S.self, scale: S = 1) -> Matrix<S> {
        precondition(!dimensions.isEmpty, "IDXArray.matrix: a 0-dimensional array has no rows")
        let rows = dimensions[0]
        return Matrix(rows: rows, columns: rows == 0 ? 0 : count / rows, elements: values(scale: scale))
    }

    /// Unsigned bytes to `Float`, MNIST's case, written for `Float` so that it runs at memory
    /// speed even in a debug build, where the generic ``decoded(scale:)`` is not specialized.
    private func unsignedBytes(scale: Float) -> [Float] {
        let count = self.count
        return [Float](unsafeUninitializedCapacity: count) { out, initialized in
            payload.withUnsafeBufferPointer { src in
                Parallel.forEachBlock(count: count, minimumBlock: 1 << 20) { block in
                    for i in block { out[i] = Float(src[i]) * scale }
                }
            }
            initialized = count
        }
    }

    /// The decoding loop, specialized by the compiler for `Float` and `Double`.
    private func decoded<T: OTScalar>(scale: T) -> [T] {
        let count = self.count, type = elementType
        return [T](unsafeUninitializedCapacity: count) { out, initialized in
            payload.withUnsafeBytes { raw in
                guard let src = raw.baseAddress else { return }
                Parallel.forEachBlock(count: count, minimumBlock: 1 << 20) { block in
                    switch type {
                    case .uint8:
                        for i in block { out[i] = T(src.load(fromByteOffset: i, as: UInt8.self)) * scale }
                    case .int8:
                        for i in block { out[i] = T(src.load(fromByteOffset: i, as: Int8.self)) * scale }
                    case .int16:
                        for i in block {
                            let word = src.loadUnaligned(fromByteOffset: i &* 2, as: Int16.self)
                            out[i] = T(Int16(bigEndian: word)) * scale
                        }
                    case .int32:
                        for i in block {
                            let word = src.loadUnaligned(fromByteOffset: i &* 4, as: Int32.self)
                            out[i] = T(Int32(bigEndian: word)) * scale
                        }
                    case .float32:
                        for i in block {
                            let bits = UInt32(bigEndian: src.loadUnaligned(fromByteOffset: i &* 4, as: UInt32.self))
                            out[i] = T(Float(bitPattern: bits)) * scale
                        }
                    case .float64:
                        for i in block {
                            let bits = UInt64(bigEndian: src.loadUnaligned(fromByteOffset: i &* 8, as: UInt64.self))
                            out[i] = T(Double(bitPattern: bits)) * scale
                        }
                    }
                }
            }
            initialized = count
        }
    }
}
