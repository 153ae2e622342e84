"""A raw gRPC-over-HTTP/2 client for the wire tests, on the h2 library over a blocking socket.

It writes exactly the headers and bytes a test asks for (gRPC's PROTOCOL-HTTP2.md: HEADERS, then
Length-Prefixed-Messages in DATA, each a compressed flag byte, a 4-byte big-endian length and the
message) and records exactly what the server answers: the response headers, the DATA bytes split
back into messages with their compressed flag, the trailers (`grpc-status`, `grpc-message`),
RST_STREAM and GOAWAY codes. h2 parses and checks the server's frames; it does not judge gRPC.

Every read has a deadline: a server that stays silent fails the test instead of hanging it.

    connection = GRPCConnection(server.address)
    call = connection.unary("UnaryCall", messages_pb2.SimpleRequest(response_size=10))
    assert call.status == Status.OK, call.describe()
    response = call.response(messages_pb2.SimpleResponse)
"""

import enum
import gzip
import socket
import struct
import time
from dataclasses import dataclass

import h2.config
import h2.connection
import h2.events
import h2.exceptions
import h2.settings
from h2.errors import ErrorCodes
from hyperframe.exceptions import HyperframeError
from hyperframe.frame import Frame, GoAwayFrame

PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
SERVICE = "grpc.testing.TestService"
TIMEOUT = 5.0
RECEIVE_WINDOW = 1 << 24


class Status(enum.IntEnum):
    """gRPC status codes (doc/statuscodes.md)."""

    OK = 0
    CANCELLED = 1
    UNKNOWN = 2
    INVALID_ARGUMENT = 3
    DEADLINE_EXCEEDED = 4
    NOT_FOUND = 5
    ALREADY_EXISTS = 6
    PERMISSION_DENIED = 7
    RESOURCE_EXHAUSTED = 8
    FAILED_PRECONDITION = 9
    ABORTED = 10
    OUT_OF_RANGE = 11
    UNIMPLEMENTED = 12
    INTERNAL = 13
    UNAVAILABLE = 14
    DATA_LOSS = 15
    UNAUTHENTICATED = 16


def status_name(code):
    try:
        return Status(code).name
    except (ValueError, TypeError):
        return repr(code)


# ---------------------------------------------------------------------------------------------
# Length-Prefixed-Message framing


def length_prefixed(body, *, flag=0, length=None):
    """One Length-Prefixed-Message; `length` overrides the prefix (for lying messages)."""
    return bytes([flag]) + struct.pack(">I", len(body) if length is None else length) + body


def framed(message, *, compressed=False):
    """`message` (a protobuf message or bytes) framed, gzipped with flag 1 when `compressed`."""
    body = message if isinstance(message, bytes) else message.SerializeToString()
    if compressed:
        return length_prefixed(gzip.compress(body), flag=1)
    return length_prefixed(body)


@dataclass
class Message:
    """One message as it arrived: the compressed flag byte and the bytes that followed."""

    flag: int
    data: bytes

    @property
    def compressed(self):
        return self.flag == 1

    def body(self):
        """The message bytes, gunzipped when the flag says so (gzip is all these tests use)."""
        return gzip.decompress(self.data) if self.compressed else self.data

    def decode(self, message_type):
        return message_type.FromString(self.body())


def split_messages(data):
    """The complete messages in `data` and the number of bytes left over after them."""
    messages, offset = [], 0
    while len(data) - offset >= 5:
        length = struct.unpack_from(">I", data, offset + 1)[0]
        if len(data) - offset - 5 < length:
            break
        messages.append(Message(data[offset], bytes(data[offset + 5 : offset + 5 + length])))
        offset += 5 + length
    return messages, len(data) - offset


# ---------------------------------------------------------------------------------------------
# Calls


class Call:
    """One stream: what the test sent and everything the server answered on it."""

    def __init__(self, stream_id, path):
        self.stream_id = stream_id
        self.path = path
        self.header_list = None  # the response head: [(name, value)]
        self.trailer_list = None
        self.trailers_only = False  # the head carried END_STREAM (PROTOCOL-HTTP2.md Trailers-Only)
        self.data = bytearray()
        self.ended = False  # END_STREAM from the server
        self.reset_code = None  # RST_STREAM from the server
        self.headers_at = None  # time.monotonic() of each milestone, for latency assertions
        self.ended_at = None

    @property
    def headers(self):
        return dict(self.header_list or ())

    @property
    def trailers(self):
        return dict(self.trailer_list or ())

    @property
    def http_status(self):
        value = self.headers.get(":status")
        return None if value is None else int(value)

    def _final(self):
        """The block that carries the status: the trailers, or the head of a Trailers-Only response."""
        if self.trailer_list is not None:
            return self.trailers
        return self.headers if self.trailers_only else {}

    @property
    def status(self):
        value = self._final().get("grpc-status")
        return None if value is None else int(value)

    @property
    def grpc_message(self):
        return self._final().get("grpc-message")

    def metadata(self, name):
        """`name` from the trailers, else from the head."""
        return self._final().get(name, self.headers.get(name))

    @property
    def messages(self):
        return split_messages(self.data)[0]

    @property
    def finished(self):
        return self.ended or self.reset_code is not None

    def response(self, message_type, index=0):
        """Message `index` of the response, decoded."""
        messages = self.messages
        assert len(messages) > index, f"no message {index}: {self.describe()}"
        return messages[index].decode(message_type)

    def describe(self):
        """The call in one line, for failure messages."""
        parts = [f"{self.path} on stream {self.stream_id}: head={self.header_list}"]
        if self.trailers_only:
            parts.append("(Trailers-Only)")
        messages, leftover = split_messages(self.data)
        flags = [m.flag for m in messages]
        parts.append(f"{len(self.data)} DATA bytes = {len(messages)} messages with flags {flags[:10]}")
        if leftover:
            parts.append(f"+ {leftover} stray bytes")
        parts.append(f"trailers={self.trailer_list}")
        if self.reset_code is not None:
            parts.append(f"RST_STREAM {_error_name(self.reset_code)}")
        if not self.finished:
            parts.append("(not finished)")
        return ", ".join(parts)


def _error_name(code):
    try:
        return ErrorCodes(code).name
    except ValueError:
        return hex(code)


# ---------------------------------------------------------------------------------------------
# The connection


class GRPCConnection:
    """One h2c connection (prior knowledge) to the server under test.

    `receive_window` is the stream and connection window granted to the server; a small one
    keeps large responses waiting on the server side.
    """

    def __init__(self, address, *, timeout=TIMEOUT, receive_window=RECEIVE_WINDOW, authority=None):
        self.timeout = timeout
        self.authority = authority or f"{address[0]}:{address[1]}"
        self.sock = socket.create_connection(address, timeout=timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        config = h2.config.H2Configuration(client_side=True, header_encoding="utf-8")
        self.conn = h2.connection.H2Connection(config=config)
        self.conn.initiate_connection()
        self.auto_acknowledge = True
        if receive_window != 65_535:
            self.conn.update_settings({h2.settings.SettingCodes.INITIAL_WINDOW_SIZE: receive_window})
            if receive_window > 65_535:
                self.conn.increment_flow_control_window(receive_window - 65_535)
        self.calls = {}
        self.events = []
        self.goaway = None  # the ConnectionTerminated event, when the server sent GOAWAY
        self.closed = False  # the server closed the TCP connection
        self.settings_seen = False
        self._pings = 0
        self.flush()

    # Sending

    def flush(self):
        if data := self.conn.data_to_send():
            try:
                self.sock.sendall(data)
            except (BrokenPipeError, ConnectionResetError):
                self.closed = True  # the test reads why from what arrived

    def start(
        self,
        method,
        *,
        path=None,
        http_method="POST",
        content_type="application/grpc",
        encoding=None,
        accept_encoding=None,
        timeout=None,
        extra=(),
        end_stream=False,
    ):
        """Opens a call to `method` of grpc.testing.TestService (or to `path`) and sends its HEADERS.

        `content_type=None` leaves the header out; `encoding`, `accept_encoding` and `timeout` are
        sent as `grpc-encoding`, `grpc-accept-encoding` and `grpc-timeout` when given.
        """
        path = path or f"/{SERVICE}/{method}"
        fields = [(":method", http_method), (":scheme", "http"), (":path", path), (":authority", self.authority)]
        if content_type is not None:
            fields.append(("content-type", content_type))
        fields.append(("te", "trailers"))
        for name, value in (("grpc-encoding", encoding), ("grpc-accept-encoding", accept_encoding)):
            if value is not None:
                fields.append((name, value))
        if timeout is not None:
            fields.append(("grpc-timeout", timeout))
        fields.extend(extra)
        stream_id = self.conn.get_next_available_stream_id()
        call = self.calls[stream_id] = Call(stream_id, path)
        self.conn.send_headers(stream_id, fields, end_stream=end_stream)
        self.flush()
        return call

    def send_raw(self, call, data, *, end_stream=False):
        """Sends `data` in DATA frames as the windows allow; returns False if the stream closed first."""
        view = memoryview(data)
        while True:
            if call.reset_code is not None or self.closed or self.goaway is not None:
                return False
            window = self.conn.local_flow_control_window(call.stream_id)
            size = min(len(view), window, self.conn.max_outbound_frame_size)
            if size == 0 and len(view) > 0:
                self.pump(lambda: call.finished or self.conn.local_flow_control_window(call.stream_id) > 0, "window")
                continue
            last = size == len(view)
            try:
                self.conn.send_data(call.stream_id, bytes(view[:size]), end_stream=end_stream and last)
            except h2.exceptions.StreamClosedError:
                return False
            self.flush()
            view = view[size:]
            if last:
                return True

    def send(self, call, *messages, compressed=False, end_stream=False):
        """Sends each message framed (gzipped with flag 1 when `compressed`)."""
        data = b"".join(framed(m, compressed=compressed) for m in messages)
        return self.send_raw(call, data, end_stream=end_stream)

    def end(self, call):
        """Half-closes the call (an empty DATA frame with END_STREAM)."""
        return self.send_raw(call, b"", end_stream=True)

    def reset(self, call, code=ErrorCodes.CANCEL):
        self.conn.reset_stream(call.stream_id, error_code=code)
        self.flush()

    def ping(self):
        """A PING round trip: once its ACK is back, the server has read everything sent before it."""
        self._pings += 1
        token = struct.pack(">Q", self._pings)
        self.conn.ping(token)
        self.flush()

        def acked():
            return any(isinstance(e, h2.events.PingAckReceived) and e.ping_data == token for e in self.events)

        self.pump(acked, "PING ACK")

    # Whole calls

    def unary(self, method, request, *, compressed=False, wait=True, **options):
        """Starts `method`, sends `request` and half-closes; waits for the end unless `wait=False`."""
        call = self.start(method, **options)
        self.send(call, request, compressed=compressed, end_stream=True)
        return self.finish(call) if wait else call

    def finish(self, call, timeout=None):
        """Waits until the server ends or resets the call (or the connection goes)."""
        self.pump(lambda: call.finished or self.closed, f"the end of {call.path}", timeout)
        return call

    # Receiving

    def handshake(self):
        """Waits for the server's SETTINGS."""
        self.pump(lambda: self.settings_seen, "the server's SETTINGS")

    def pump(self, until, what="the expected frames", timeout=None):
        """Reads and handles events until `until()` holds; fails at the deadline or on close."""
        timeout = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + timeout
        while not until():
            if self.closed:
                raise AssertionError(f"the connection closed before {what}; {self.summary()}")
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"no {what} within {timeout} s; {self.summary()}")
            self.receive(remaining)

    def receive(self, timeout):
        """One read of at most `timeout` seconds, with its events handled."""
        self.sock.settimeout(timeout)
        try:
            data = self.sock.recv(1 << 20)
        except socket.timeout:
            return
        except ConnectionResetError:
            data = b""
        if not data:
            self.closed = True
            return
        for event in self.conn.receive_data(data):
            self.events.append(event)
            self._handle(event)
        self.flush()

    def _handle(self, event):
        now = time.monotonic()
        call = self.calls.get(getattr(event, "stream_id", None))
        if isinstance(event, h2.events.RemoteSettingsChanged):
            self.settings_seen = True
        elif isinstance(event, h2.events.ConnectionTerminated):
            self.goaway = event
        elif call is None:
            return
        elif isinstance(event, h2.events.ResponseReceived):
            call.header_list, call.headers_at = list(event.headers), now
            call.trailers_only = event.stream_ended is not None
        elif isinstance(event, h2.events.TrailersReceived):
            call.trailer_list = list(event.headers)
        elif isinstance(event, h2.events.DataReceived):
            call.data += event.data
            if self.auto_acknowledge:
                self.conn.acknowledge_received_data(event.flow_controlled_length, event.stream_id)
        elif isinstance(event, h2.events.StreamEnded):
            call.ended, call.ended_at = True, now
        elif isinstance(event, h2.events.StreamReset):
            call.reset_code, call.ended_at = event.error_code, call.ended_at or now

    def summary(self):
        calls = [c.describe() for c in self.calls.values() if not c.finished][:3]
        goaway = ""
        if self.goaway is not None:
            g = self.goaway
            goaway = f"GOAWAY {_error_name(g.error_code)} last={g.last_stream_id} {g.additional_data!r}; "
        return f"{goaway}unfinished: {calls or 'none'}; last events: {self.events[-5:]}"

    def close(self):
        """A polite goodbye: GOAWAY, then the socket closes."""
        try:
            self.conn.close_connection()
            self.flush()
        except h2.exceptions.ProtocolError:
            pass
        self.sock.close()

    def abort(self):
        """Vanishes: the socket closes with a TCP RST (SO_LINGER 0), no GOAWAY."""
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.sock.close()


# ---------------------------------------------------------------------------------------------
# Raw bytes, for what h2 refuses to send


def raw_exchange(address, data, timeout=TIMEOUT):
    """Sends `data` on a new connection and reads until the server closes it.

    Returns (everything received, whether the server closed within `timeout`).
    """
    received = bytearray()
    deadline = time.monotonic() + timeout
    with socket.create_connection(address, timeout=timeout) as sock:
        try:
            sock.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            return bytes(received), True
        while (remaining := deadline - time.monotonic()) > 0:
            sock.settimeout(remaining)
            try:
                chunk = sock.recv(65_536)
            except socket.timeout:
                break
            except ConnectionResetError:
                return bytes(received), True
            if not chunk:
                return bytes(received), True
            received += chunk
    return bytes(received), False


def parse_frames(data):
    """The HTTP/2 frames at the start of `data` (hyperframe); stops at the first malformed one."""
    frames, view = [], memoryview(data)
    while len(view) >= 9:
        try:
            frame, length = Frame.parse_frame_header(view[:9])
            if len(view) < 9 + length:
                break
            frame.parse_body(view[9 : 9 + length])
        except HyperframeError:
            break
        frames.append(frame)
        view = view[9 + length :]
    return frames


def goaway_in(data):
    """The first GOAWAY frame among the frames in `data`, or None."""
    return next((f for f in parse_frames(data) if isinstance(f, GoAwayFrame)), None)


def raw_frame(type_, flags, stream_id, payload=b"", length=None):
    """One frame's bytes; `length` overrides the header's length field."""
    length = len(payload) if length is None else length
    return struct.pack(">I", length)[1:] + bytes([type_, flags]) + struct.pack(">I", stream_id) + payload
