"""A TCP relay between an interop client and server that records the gRPC messages' compressed flags
and the grpc-encoding headers, for what neither grpcio peer can see.

grpcio hides both a message's compressed flag and the grpc-encoding header from applications, and a
gRPC server compresses only what the client's grpc-accept-encoding allows, so a "client must
decompress" test could pass with nothing compressed at all. The tap forwards every byte unchanged
and, on the side, parses the HTTP/2 frames with hyperframe and the header blocks with hpack (h2's
own libraries) and splits each stream's DATA into gRPC messages (5-byte prefix: flag, length).

    with WireTap(server) as tap:          # server: anything with .host, .port, .name, .stderr()
        client.run(tap, "large_unary")    # the client connects to tap.host:tap.port
        assert tap.message_flags(FROM_SERVER) == [1]
"""

import socket
import struct
import threading

import hpack
from hyperframe.frame import ContinuationFrame, DataFrame, Frame, HeadersFrame

PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
FROM_CLIENT = "client"
FROM_SERVER = "server"


class FrameReader:
    """Parses one direction of an HTTP/2 connection and reports messages and headers to the tap."""

    def __init__(self, tap, direction):
        self.tap = tap
        self.direction = direction
        self.buffer = b""
        self.preface_left = len(PREFACE) if direction == FROM_CLIENT else 0
        self.decoder = hpack.Decoder()
        self.decoder.max_allowed_table_size = 1 << 20  # whatever table size the peers agreed on
        self.header_blocks = {}
        self.messages = {}
        self.is_broken = False

    def feed(self, data):
        if self.is_broken:
            return
        try:
            self.buffer += data
            if self.preface_left:
                skipped = min(self.preface_left, len(self.buffer))
                self.buffer, self.preface_left = self.buffer[skipped:], self.preface_left - skipped
            while len(self.buffer) >= 9:
                frame, length = Frame.parse_frame_header(memoryview(self.buffer[:9]))
                if len(self.buffer) < 9 + length:
                    break
                frame.parse_body(memoryview(self.buffer[9 : 9 + length]))
                self.buffer = self.buffer[9 + length :]
                self.handle(frame)
        except Exception as error:  # noqa: BLE001 - the relay goes on; the tap reports it stopped parsing
            self.is_broken = True
            self.tap.record(self.direction, 0, "parse-error", repr(error))

    def handle(self, frame):
        if isinstance(frame, (HeadersFrame, ContinuationFrame)):
            block = self.header_blocks.get(frame.stream_id, b"") + frame.data
            if "END_HEADERS" in frame.flags:
                self.header_blocks.pop(frame.stream_id, None)
                for name, value in self.decoder.decode(block, raw=True):
                    field = (name.decode(errors="replace"), value.decode(errors="replace"))
                    self.tap.record(self.direction, frame.stream_id, "header", field)
            else:
                self.header_blocks[frame.stream_id] = block
        elif isinstance(frame, DataFrame):
            pending = self.messages.get(frame.stream_id, b"") + frame.data
            while len(pending) >= 5:
                flag, length = struct.unpack(">BI", pending[:5])
                if len(pending) < 5 + length:
                    break
                self.tap.record(self.direction, frame.stream_id, "message", flag)
                pending = pending[5 + length :]
            self.messages[frame.stream_id] = pending


class WireTap:
    """Listens on 127.0.0.1 and a free port and relays each connection to `server`."""

    def __init__(self, server):
        self.server = server
        self.name = f"{server.name} (tapped)"
        self.events = []
        self.lock = threading.Lock()
        self.sockets = []
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.host, self.port = self.listener.getsockname()
        threading.Thread(target=self.accept, daemon=True).start()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def stderr(self):
        return self.server.stderr()

    def record(self, direction, stream_id, kind, value):
        with self.lock:
            self.events.append((direction, stream_id, kind, value))

    def message_flags(self, direction):
        """The compressed flag of every gRPC message sent in `direction`, in order."""
        with self.lock:
            return [value for side, _, kind, value in self.events if side == direction and kind == "message"]

    def header_values(self, direction, name):
        """The values of every header field `name` sent in `direction`, in order."""
        with self.lock:
            headers = [value for side, _, kind, value in self.events if side == direction and kind == "header"]
        return [value for key, value in headers if key == name]

    def parse_errors(self):
        with self.lock:
            return [event for event in self.events if event[2] == "parse-error"]

    def accept(self):
        while True:
            try:
                downstream, _ = self.listener.accept()
                upstream = socket.create_connection((self.server.host, self.server.port), timeout=10)
                upstream.settimeout(None)
            except OSError:
                return  # closed
            with self.lock:
                self.sockets += [downstream, upstream]
            threading.Thread(target=self.pump, args=(downstream, upstream, FROM_CLIENT), daemon=True).start()
            threading.Thread(target=self.pump, args=(upstream, downstream, FROM_SERVER), daemon=True).start()

    def pump(self, source, destination, direction):
        reader = FrameReader(self, direction)
        while True:
            try:
                data = source.recv(65536)
                if not data:
                    break
                destination.sendall(data)
            except OSError:
                break
            reader.feed(data)
        try:
            destination.shutdown(socket.SHUT_WR)
        except OSError:
            pass

    def close(self):
        try:
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread (close alone does not)
        except OSError:
            pass
        self.listener.close()
        with self.lock:
            sockets, self.sockets = self.sockets, []
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)  # wakes a pump blocked in recv, so the connection really closes
            except OSError:
                pass
            sock.close()
