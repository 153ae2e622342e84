"""A scripted HTTP/2 peer over a raw socket, for tests that must misbehave on purpose.

The h2 library (h2_peer_test.py uses it for the well-behaved cases) refuses to send what breaks
RFC 9113, so this peer writes frames byte by byte instead and leaves the parsing of everything the
server sends to libraries we did not write: hyperframe parses (and checks) each frame, hpack decodes
the response header blocks and encodes the request header blocks, h2.errors names the error codes.

Every read has a deadline: a server that stays silent fails the test instead of hanging it.
"""

import socket
import struct
import time

import hpack
from h2.errors import ErrorCodes
from hyperframe.frame import (
    ContinuationFrame,
    DataFrame,
    Frame,
    GoAwayFrame,
    HeadersFrame,
    PingFrame,
    RstStreamFrame,
    SettingsFrame,
    WindowUpdateFrame,
)

PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"

# Frame types and flags (RFC 9113 §6).
DATA, HEADERS, PRIORITY, RST_STREAM, SETTINGS, PUSH_PROMISE, PING, GOAWAY, WINDOW_UPDATE, CONTINUATION = range(10)
END_STREAM = 0x1
ACK = 0x1
END_HEADERS = 0x4
PADDED = 0x8
PRIORITY_FLAG = 0x20

# SETTINGS identifiers (RFC 9113 §6.5.2).
HEADER_TABLE_SIZE, ENABLE_PUSH, MAX_CONCURRENT_STREAMS, INITIAL_WINDOW_SIZE, MAX_FRAME_SIZE, MAX_HEADER_LIST_SIZE = (
    range(1, 7)
)

# Seconds one expectation may wait for the server.
TIMEOUT = 5.0


def frame(type_, flags, stream_id, payload=b"", length=None):
    """One frame's bytes; `length` overrides the header's length field (for lying frames)."""
    length = len(payload) if length is None else length
    return struct.pack(">I", length)[1:] + bytes([type_, flags]) + struct.pack(">I", stream_id) + payload


def settings_frame(*pairs, ack=False):
    return frame(SETTINGS, ACK if ack else 0, 0, b"".join(struct.pack(">HI", k, v) for k, v in pairs))


def window_update(stream_id, increment):
    return frame(WINDOW_UPDATE, 0, stream_id, struct.pack(">I", increment))


def rst_stream(stream_id, code):
    return frame(RST_STREAM, 0, stream_id, struct.pack(">I", int(code)))


def ping(payload=b"12345678", ack=False):
    return frame(PING, ACK if ack else 0, 0, payload)


def request_fields(method, path, *extra, authority="127.0.0.1"):
    """The pseudo-headers of a request, then `extra` (name, value) pairs."""
    return [(":method", method), (":scheme", "http"), (":path", path), (":authority", authority), *extra]


def describe(f):
    """A frame in one line, for failure messages."""
    name = type(f).__name__.replace("Frame", "").upper()
    text = f"{name}(stream={f.stream_id}, flags={sorted(f.flags)}"
    if isinstance(f, GoAwayFrame):
        text += f", last_stream_id={f.last_stream_id}, error={_code(f.error_code)}, debug={bytes(f.additional_data)!r}"
    elif isinstance(f, RstStreamFrame):
        text += f", error={_code(f.error_code)}"
    elif isinstance(f, WindowUpdateFrame):
        text += f", increment={f.window_increment}"
    elif isinstance(f, DataFrame):
        text += f", {len(f.data)} bytes"
    elif getattr(f, "fields", None) is not None:
        text += f", {f.fields}"
    return text + ")"


def _code(value):
    try:
        return ErrorCodes(value).name
    except ValueError:
        return hex(value)


class Response:
    """A response as the peer received it."""

    def __init__(self, stream_id):
        self.stream_id = stream_id
        self.headers = None
        self.trailers = None
        self.body = b""
        self.ended = False
        self.ends_with_block = False

    @property
    def status(self):
        return int(dict(self.headers)[":status"])

    def header(self, name):
        return dict(self.headers).get(name)


class Peer:
    """One client connection to the server under test.

    `preface=False` leaves the connection preface and the first SETTINGS to the test.
    The server's SETTINGS are acknowledged automatically unless `ack_settings=False`.
    """

    def __init__(self, address, *, settings=(), preface=True, ack_settings=True):
        self.sock = socket.create_connection(address, timeout=TIMEOUT)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.encoder = hpack.Encoder()
        self.decoder = hpack.Decoder()
        self.decoder.max_header_list_size = 1 << 24
        self.ack_settings = ack_settings
        self.received = []  # every frame, in order
        self.responses = {}  # stream ID → Response, filled in as frames arrive
        self.server_settings = None
        self._buffer = bytearray()
        self._block = None  # (first frame, bytes) of a header block in progress
        self._pings = 0
        self.eof = False
        if preface:
            self.send(PREFACE + settings_frame(*settings))

    # Sending

    def send(self, data):
        """Writes `data`; a server that closed already is not an error here (the test reads why)."""
        try:
            self.sock.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def encode(self, fields, huffman=True):
        return self.encoder.encode(fields, huffman=huffman)

    def headers(self, stream_id, fields, *, end_stream=True, flags=0):
        """Sends HEADERS with END_HEADERS and the block hpack encodes for `fields`."""
        block = self.encode(fields)
        self.send(frame(HEADERS, flags | END_HEADERS | (END_STREAM if end_stream else 0), stream_id, block))

    def data(self, stream_id, payload, *, end_stream=False, chunk=16_384):
        """Sends `payload` as DATA frames of at most `chunk` bytes."""
        pieces = [payload[i : i + chunk] for i in range(0, len(payload), chunk)] or [b""]
        out = bytearray()
        for index, piece in enumerate(pieces):
            last = index == len(pieces) - 1
            out += frame(DATA, END_STREAM if end_stream and last else 0, stream_id, piece)
        self.send(bytes(out))

    def get(self, stream_id, path="/v1/items/1"):
        self.headers(stream_id, request_fields("GET", path))

    # Receiving

    def next_frame(self, deadline):
        """The next frame, or None at the end of the connection; TimeoutError after `deadline`."""
        while True:
            if len(self._buffer) >= 9:
                length = int.from_bytes(self._buffer[:3], "big")
                if len(self._buffer) >= 9 + length:
                    header = bytes(self._buffer[:9])
                    body = bytes(self._buffer[9 : 9 + length])
                    del self._buffer[: 9 + length]
                    return self._parsed(header, body)
            if self.eof:
                return None
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            self.sock.settimeout(remaining)
            try:
                chunk = self.sock.recv(65_536)
            except socket.timeout:
                raise TimeoutError from None
            except ConnectionResetError:
                chunk = b""
            if not chunk:
                self.eof = True
            self._buffer += chunk

    def _parsed(self, header, body):
        f, _ = Frame.parse_frame_header(memoryview(header))
        f.parse_body(memoryview(body))
        f.fields = None
        if isinstance(f, (HeadersFrame, ContinuationFrame)):
            if isinstance(f, HeadersFrame):
                self._block = (f, bytes(f.data))
            else:
                assert self._block is not None, "CONTINUATION from the server without HEADERS"
                self._block = (self._block[0], self._block[1] + bytes(f.data))
            if "END_HEADERS" in f.flags:
                first, block = self._block
                self._block = None
                first.fields = f.fields = self.decoder.decode(block)
        elif isinstance(f, SettingsFrame) and "ACK" not in f.flags:
            self.server_settings = dict(f.settings)
            if self.ack_settings:
                self.send(settings_frame(ack=True))
        if f.stream_id != 0:
            self._track(f)
        self.received.append(f)
        return f

    def wait_for(self, predicate, what, timeout=TIMEOUT):
        """Reads until a frame matches `predicate` and returns it; fails at the end or the deadline."""
        deadline = time.monotonic() + timeout
        start = len(self.received)
        while True:
            try:
                f = self.next_frame(deadline)
            except TimeoutError:
                raise AssertionError(f"no {what} within {timeout} s; received {self._summary(start)}") from None
            if f is None:
                raise AssertionError(f"the connection closed before {what}; received {self._summary(start)}")
            if predicate(f):
                return f

    def _summary(self, start):
        frames = self.received[start:]
        shown = [describe(f) for f in frames[-8:]]
        more = f"{len(frames) - 8} more, then " if len(frames) > 8 else ""
        return f"{more}{shown}" if frames else "nothing"

    def expect_goaway(self, code, last_stream_id=None, timeout=TIMEOUT):
        """Waits for GOAWAY with `code`, then for the server to close the connection."""
        goaway = self.wait_for(lambda f: isinstance(f, GoAwayFrame), f"GOAWAY {code.name}", timeout)
        assert goaway.error_code == code, f"expected GOAWAY {code.name}, got {describe(goaway)}"
        if last_stream_id is not None:
            assert goaway.last_stream_id == last_stream_id, describe(goaway)
        self.expect_closed(timeout)
        return goaway

    def expect_closed(self, timeout=TIMEOUT):
        """Reads (and keeps) frames until the server closes the connection."""
        deadline = time.monotonic() + timeout
        try:
            while self.next_frame(deadline) is not None:
                pass
        except TimeoutError:
            raise AssertionError(f"the server kept the connection open for {timeout} s") from None

    def expect_reset(self, stream_id, code, timeout=TIMEOUT):
        """Waits for RST_STREAM on `stream_id` with `code` (a GOAWAY first fails the test)."""

        def matches(f):
            if isinstance(f, GoAwayFrame):
                raise AssertionError(f"expected RST_STREAM {code.name} on {stream_id}, got {describe(f)}")
            return isinstance(f, RstStreamFrame) and f.stream_id == stream_id

        earlier = [f for f in self.received if isinstance(f, RstStreamFrame) and f.stream_id == stream_id]
        reset = earlier[0] if earlier else self.wait_for(matches, f"RST_STREAM {code.name} on stream {stream_id}", timeout)
        assert reset.error_code == code, f"expected RST_STREAM {code.name}, got {describe(reset)}"
        return reset

    def response(self, stream_id, timeout=TIMEOUT):
        """The whole response on `stream_id` (head, body, trailers), once END_STREAM has arrived.

        A reset of the stream, or a GOAWAY that gives up on it, fails the test.
        """

        def ended(f):
            if isinstance(f, GoAwayFrame) and (f.error_code != ErrorCodes.NO_ERROR or f.last_stream_id < stream_id):
                raise AssertionError(f"GOAWAY while waiting for stream {stream_id}: {describe(f)}")
            if isinstance(f, RstStreamFrame) and f.stream_id == stream_id:
                raise AssertionError(f"stream {stream_id} was reset: {describe(f)}")
            return stream_id in self.responses and self.responses[stream_id].ended

        for f in self.received:
            ended(f)  # what arrived while the test waited for something else
        if not (stream_id in self.responses and self.responses[stream_id].ended):
            self.wait_for(ended, f"the end of stream {stream_id}", timeout)
        return self.responses[stream_id]

    def _track(self, f):
        """Adds a received frame to the response of its stream."""
        if isinstance(f, DataFrame):
            self.responses.setdefault(f.stream_id, Response(f.stream_id)).body += bytes(f.data)
        elif isinstance(f, HeadersFrame):
            response = self.responses.setdefault(f.stream_id, Response(f.stream_id))
            response.ends_with_block = "END_STREAM" in f.flags
        if f.fields is not None:
            response = self.responses[f.stream_id]
            if response.headers is None:
                response.headers = f.fields
            else:
                response.trailers = f.fields
            response.ended = response.ends_with_block
        elif isinstance(f, DataFrame) and "END_STREAM" in f.flags:
            self.responses[f.stream_id].ended = True

    def sync(self, timeout=TIMEOUT):
        """A PING round trip; returns the frames that arrived before its ACK.

        The server handles frames in order and writes what each one causes before reading the
        next, so once the ACK is back, everything sent before the PING has had its effect.
        """
        self._pings += 1
        token = struct.pack(">Q", 0x5359_4E43_0000_0000 + self._pings)  # "SYNC" and a counter
        start = len(self.received)
        self.send(ping(token))
        self.wait_for(lambda f: isinstance(f, PingFrame) and "ACK" in f.flags and f.opaque_data == token, "PING ACK", timeout)
        return self.received[start:-1]

    def handshake(self):
        """Waits for the server's SETTINGS and returns them."""
        if self.server_settings is None:
            self.wait_for(lambda f: isinstance(f, SettingsFrame) and "ACK" not in f.flags, "the server's SETTINGS")
        return self.server_settings

    def close(self):
        self.sock.close()


__all__ = [
    "ACK",
    "CONTINUATION",
    "DATA",
    "END_HEADERS",
    "END_STREAM",
    "ENABLE_PUSH",
    "ErrorCodes",
    "GOAWAY",
    "HEADERS",
    "HEADER_TABLE_SIZE",
    "INITIAL_WINDOW_SIZE",
    "MAX_CONCURRENT_STREAMS",
    "MAX_FRAME_SIZE",
    "MAX_HEADER_LIST_SIZE",
    "PADDED",
    "PING",
    "PREFACE",
    "PRIORITY",
    "PRIORITY_FLAG",
    "PUSH_PROMISE",
    "Peer",
    "RST_STREAM",
    "SETTINGS",
    "WINDOW_UPDATE",
    "frame",
    "ping",
    "request_fields",
    "rst_stream",
    "settings_frame",
    "window_update",
    "DataFrame",
    "GoAwayFrame",
    "HeadersFrame",
    "PingFrame",
    "RstStreamFrame",
    "SettingsFrame",
    "WindowUpdateFrame",
]
