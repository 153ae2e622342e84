import Bytes
import Testing

@Suite("ByteBuffer")
struct ByteBufferTests {
    @Test("writes and reads integers in both byte orders")
    func integers() {
        var buffer = ByteBuffer()
        buffer.writeInteger(UInt32(0x0102_0304), as: .bigEndian)
        buffer.writeInteger(UInt16(0x0506), as: .littleEndian)
        #expect(buffer.readableBytesArray == [1, 2, 3, 4, 6, 5])
        let first = buffer.readInteger(as: UInt32.self, endianness: .bigEndian)
        let second = buffer.readInteger(as: UInt16.self, endianness: .littleEndian)
        let third = buffer.readInteger(as: UInt8.self)
        #expect(first == 0x0102_0304)
        #expect(second == 0x0506)
        #expect(third == nil)
        #expect(buffer.isEmpty)
    }

    @Test("reading past the end returns nil and reads nothing")
    func shortReads() {
        var buffer: ByteBuffer = [1, 2, 3]
        let integer = buffer.readInteger(as: UInt32.self)
        let bytes = buffer.readBytes(length: 4)
        let slice = buffer.readSlice(length: 4)
        let string = buffer.readString(length: -1)
        let moved = buffer.moveReaderIndex(forwardBy: 4)
        #expect(integer == nil)
        #expect(bytes == nil)
        #expect(slice == nil)
        #expect(string == nil)
        #expect(!moved)
        #expect(buffer.readableBytes == 3)
    }

    @Test("slices share storage and survive writes to the parent (copy-on-write)")
    func slicesAreValues() throws {
        var parent = ByteBuffer(string: "hello world")
        let read = parent.readSlice(length: 5)
        let slice = try #require(read)
        #expect(slice == ByteBuffer(string: "hello"))
        parent.withUnsafeMutableReadableBytes { $0[0] = UInt8(ascii: "W") }
        parent.writeString("!")
        #expect(slice == ByteBuffer(string: "hello"))
        #expect(parent == ByteBuffer(string: "Wworld!"))
    }

    @Test("a copy is independent of the original")
    func copiesAreIndependent() {
        var a: ByteBuffer = [1, 2, 3]
        let b = a
        a.writeBytes([4])
        #expect(b.readableBytesArray == [1, 2, 3])
        #expect(a.readableBytesArray == [1, 2, 3, 4])
    }

    @Test("grows across many writes and keeps every byte")
    func growth() {
        var buffer = ByteBuffer(capacity: 1)
        for index in 0..<10_000 { buffer.writeInteger(UInt8(truncatingIfNeeded: index)) }
        #expect(buffer.readableBytes == 10_000)
        #expect(buffer.readableBytesView.enumerated().allSatisfy { $0.element == UInt8(truncatingIfNeeded: $0.offset) })
    }

    @Test("clear keeps the capacity when the storage is not shared")
    func clearKeepsCapacity() {
        var buffer = ByteBuffer(capacity: 1024)
        buffer.writeRepeating(7, count: 1000)
        let capacity = buffer.capacity
        buffer.clear()
        #expect(buffer.isEmpty)
        #expect(buffer.capacity == capacity)
    }

    @Test("discardReadBytes drops the consumed prefix")
    func discardReadBytes() {
        var buffer: ByteBuffer = [1, 2, 3, 4, 5]
        buffer.moveReaderIndex(forwardBy: 3)
        buffer.discardReadBytes()
        #expect(buffer.readableBytesArray == [4, 5])
        buffer.writeBytes([6])
        #expect(buffer.readableBytesArray == [4, 5, 6])
    }

    @Test("equality and hashing look only at the readable bytes")
    func equality() {
        var a: ByteBuffer = [9, 1, 2]
        a.moveReaderIndex(forwardBy: 1)
        let b: ByteBuffer = [1, 2]
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a != [1, 2, 3])
        #expect(ByteBuffer() == ByteBuffer(capacity: 100))
    }

    @Test("setInteger overwrites in place without touching other copies")
    func setInteger() {
        var a: ByteBuffer = [0, 0, 0, 0]
        let b = a
        a.setInteger(UInt16(0xABCD), at: 1)
        #expect(a.readableBytesArray == [0, 0xAB, 0xCD, 0])
        #expect(b.readableBytesArray == [0, 0, 0, 0])
    }

    @Test("writeWithUnsafeMutableBytes moves the writer index by what was written")
    func unsafeWrites() {
        var buffer = ByteBuffer()
        let written = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 8) { region in
            region[0] = 42
            region[1] = 43
            return 2
        }
        #expect(written == 2)
        #expect(buffer.readableBytesArray == [42, 43])
    }

    @Test("description shows the length and a hex preview")
    func description() {
        #expect(ByteBuffer(bytes: [0x0A, 0xFF]).description == "ByteBuffer(2 bytes: 0a ff)")
    }
}
