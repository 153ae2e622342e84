"""HTTP/2 peer tests: http-bench-server (Sources/Transport's HTTP/2 server, h2c with prior knowledge)
against peers we did not write, asserting the exact RFC 9113 error codes.

The well-behaved cases use the h2 library as the client. The misbehaving ones use h2peer.Peer,
which writes frames by hand over a raw socket and parses the server's answers with hyperframe and
hpack (h2's own frame and header libraries). Covered:

  - GET and POST (a body over several DATA frames, and with trailers), many streams at once;
  - stream states: DATA on closed, half-closed and idle streams, even and backward stream IDs,
    a reused stream ID, HEADERS on a half-closed stream, RST_STREAM on an idle stream,
    PUSH_PROMISE from a client;
  - the preface and SETTINGS: an invalid preface, a first frame that is not SETTINGS, bad
    lengths and values (ENABLE_PUSH, INITIAL_WINDOW_SIZE, MAX_FRAME_SIZE);
  - PING (answered with the same payload; bad lengths), frames larger than MAX_FRAME_SIZE;
  - flow control: WINDOW_UPDATE of 0 and window overflow (connection and stream), DATA past
    the stream window, a large response that waits for the reader's window;
  - header blocks: too large a header list, malformed requests (upper-case names, missing or
    repeated pseudo-headers, connection-specific fields), CONTINUATION interleaved, floods and
    HPACK bombs (with the server's memory checked);
  - limits: MAX_CONCURRENT_STREAMS, rapid reset, PING and SETTINGS floods;
  - PRIORITY (accepted, bad length, self-dependency), unknown frame types, GOAWAY from the client
    and the server's graceful shutdown.

A DATA frame past the *connection* window cannot be provoked: the server tops its 4 MiB
connection window up whenever half of it is used, so a peer that follows the windows it was
granted never exceeds it (the stream window, which waits for the handler to read, can be).
Where a test must know that the server has handled everything sent so far, it sends a PING
and waits for the ACK (Peer.sync) instead of sleeping.

    HTTP_BENCH_SERVER=.build/debug/http-bench-server .venv/bin/python -m pytest -q Tests/Transport
"""

import json
import socket
import struct
import time

import h2.config
import h2.connection
import h2.events
import h2.settings
import pytest

from h2peer import (
    CONTINUATION,
    DATA,
    END_HEADERS,
    END_STREAM,
    ENABLE_PUSH,
    GOAWAY,
    HEADERS,
    INITIAL_WINDOW_SIZE,
    MAX_FRAME_SIZE,
    PADDED,
    PING,
    PREFACE,
    PRIORITY,
    PRIORITY_FLAG,
    PUSH_PROMISE,
    SETTINGS,
    WINDOW_UPDATE,
    DataFrame,
    ErrorCodes,
    GoAwayFrame,
    HeadersFrame,
    Peer,
    PingFrame,
    RstStreamFrame,
    SettingsFrame,
    WindowUpdateFrame,
    frame,
    ping,
    request_fields,
    rst_stream,
    settings_frame,
    window_update,
)

TIMEOUT = 5.0


def item(item_id):
    return {"id": str(item_id), "name": f"item-{item_id}", "priceCents": 1999}


def echo_body(message, id_="7"):
    return json.dumps({"message": message, "id": id_}).encode()


@pytest.fixture
def peer(server):
    connection = Peer(server.address)
    yield connection
    connection.close()


def assert_usable(peer, stream_id):
    """The connection still serves a request on `stream_id`."""
    peer.get(stream_id, f"/v1/items/{stream_id}")
    response = peer.response(stream_id)
    assert response.status == 200
    assert json.loads(response.body) == item(stream_id)


# ---------------------------------------------------------------------------------------------
# The h2 library as a well-behaved client


class H2Client:
    """h2's H2Connection over a blocking socket, with a deadline on every read."""

    def __init__(self, address, **settings):
        self.sock = socket.create_connection(address, timeout=TIMEOUT)
        config = h2.config.H2Configuration(client_side=True, header_encoding="utf-8")
        self.conn = h2.connection.H2Connection(config=config)
        self.conn.initiate_connection()
        if settings:
            self.conn.update_settings(settings)
        self.flush()
        self.responses = {}
        self.ended = set()
        self.remote_settings_seen = False
        self.events = []

    def flush(self):
        if data := self.conn.data_to_send():
            self.sock.sendall(data)

    def pump(self, until, timeout=TIMEOUT):
        """Reads and handles events until `until()` holds."""
        deadline = time.monotonic() + timeout
        while not until():
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"timed out; events so far: {self.events[-10:]}"
            self.sock.settimeout(remaining)
            try:
                data = self.sock.recv(65_536)
            except socket.timeout:
                continue
            assert data, f"the server closed the connection; events: {self.events[-10:]}"
            for event in self.conn.receive_data(data):
                self.events.append(event)
                self.handle(event)
            self.flush()

    def handle(self, event):
        if isinstance(event, h2.events.RemoteSettingsChanged):
            self.remote_settings_seen = True
        elif isinstance(event, h2.events.ResponseReceived):
            self.responses.setdefault(event.stream_id, {"body": b""})["headers"] = dict(event.headers)
        elif isinstance(event, h2.events.DataReceived):
            self.responses.setdefault(event.stream_id, {"body": b""})["body"] += event.data
            self.conn.acknowledge_received_data(event.flow_controlled_length, event.stream_id)
        elif isinstance(event, h2.events.StreamEnded):
            self.ended.add(event.stream_id)
        elif isinstance(event, (h2.events.StreamReset, h2.events.ConnectionTerminated)):
            raise AssertionError(f"unexpected {event}")

    def request(self, method, path, headers=(), end_stream=True):
        stream_id = self.conn.get_next_available_stream_id()
        self.conn.send_headers(stream_id, request_fields(method, path, *headers), end_stream=end_stream)
        self.flush()
        return stream_id

    def send_body(self, stream_id, body, pieces):
        """Sends `body` in `pieces` DATA frames (waiting for window when needed), ending the stream."""
        size = -(-len(body) // pieces)
        chunks = [body[i : i + size] for i in range(0, len(body), size)]
        for index, chunk in enumerate(chunks):
            self.pump(lambda: self.conn.local_flow_control_window(stream_id) >= len(chunk))
            self.conn.send_data(stream_id, chunk, end_stream=index == len(chunks) - 1)
            self.flush()
        return len(chunks)

    def response(self, stream_id):
        self.pump(lambda: stream_id in self.ended)
        response = self.responses[stream_id]
        return int(response["headers"][":status"]), response["headers"], response["body"]

    def close(self):
        self.conn.close_connection()
        self.flush()
        self.sock.close()


@pytest.fixture
def h2client(server):
    client = H2Client(server.address)
    yield client
    client.close()


def test_get_with_h2(h2client):
    stream_id = h2client.request("GET", "/v1/items/42")
    status, headers, body = h2client.response(stream_id)
    assert status == 200
    assert headers["content-type"] == "application/json"
    assert int(headers["content-length"]) == len(body)
    assert json.loads(body) == item(42)


def test_post_body_over_several_data_frames_with_h2(h2client):
    h2client.pump(lambda: h2client.remote_settings_seen)
    body = echo_body("m" * 100_000 + "é", "x-1")
    stream_id = h2client.request("POST", "/v1/echo", [("content-type", "application/json")], end_stream=False)
    assert h2client.send_body(stream_id, body, pieces=9) == 9
    status, headers, answer = h2client.response(stream_id)
    assert status == 200
    assert json.loads(answer) == json.loads(body)


def test_unknown_path_is_404_with_h2(h2client):
    status, _, body = h2client.response(h2client.request("GET", "/nothing"))
    assert (status, body) == (404, b"not found\n")


def test_many_concurrent_streams_with_h2(h2client):
    streams = [h2client.request("GET", f"/v1/items/{n}") for n in range(60)]
    h2client.pump(lambda: all(s in h2client.ended for s in streams))
    for n, stream_id in enumerate(streams):
        status, _, body = h2client.response(stream_id)
        assert status == 200 and json.loads(body) == item(n)


def test_server_settings(peer):
    settings = peer.handshake()
    assert settings == {
        h2.settings.SettingCodes.MAX_CONCURRENT_STREAMS: 100,
        h2.settings.SettingCodes.INITIAL_WINDOW_SIZE: 1 << 20,
        h2.settings.SettingCodes.MAX_FRAME_SIZE: 16_384,
        h2.settings.SettingCodes.MAX_HEADER_LIST_SIZE: 16_384,
        h2.settings.SettingCodes.ENABLE_PUSH: 0,
    }
    ack = peer.wait_for(lambda f: isinstance(f, SettingsFrame) and "ACK" in f.flags, "SETTINGS ACK")
    assert ack.settings == {}


# ---------------------------------------------------------------------------------------------
# Stream states (RFC 9113 §5.1)


def test_data_on_closed_stream_is_stream_closed(peer):
    assert_usable(peer, 1)
    peer.data(1, b"late", end_stream=True)
    peer.expect_reset(1, ErrorCodes.STREAM_CLOSED)  # §6.1: a stream error
    assert_usable(peer, 3)


def test_data_on_idle_stream_is_protocol_error(peer):
    peer.data(99, b"never opened")
    peer.expect_goaway(ErrorCodes.PROTOCOL_ERROR, last_stream_id=0)  # §5.1 idle


def test_window_update_on_idle_stream_is_protocol_error(peer):
    peer.send(window_update(5, 100))
    peer.expect_goaway(ErrorCodes.PROTOCOL_ERROR, last_stream_id=0)


def test_rst_stream_on_idle_stream_is_protocol_error(peer):
    peer.send(rst_stream(7, ErrorCodes.CANCEL))
    peer.expect_goaway(ErrorCodes.PROTOCOL_ERROR, last_stream_id=0)


def test_headers_with_even_stream_id_is_protocol_error(peer):
    peer.get(2)
    peer.expect_goaway(ErrorCodes.PROTOCOL_ERROR, last_stream_id=0)  # §5.1.1


def test_headers_on_stream_zero_is_protocol_error(peer):
    peer.get(0)
    peer.expect_goaway(ErrorCodes.PROTOCOL_ERROR)


def test_stream_id_going_backwards_is_protocol_error(peer):
    assert_usable(peer, 5)
    peer.get(3)  # never used, but lower than 5: §5.1.1 "numerically greater than all streams"
    peer.expect_goaway(ErrorCodes.PROTOCOL_ERROR, last_stream_id=5)


def test_headers_reusing_a_closed_stream_is_stream_closed(peer):
    assert_usable(peer, 1)
    peer.get(1)  # §5.1 closed: "MAY treat ... as a connection error of type STREAM_CLOSED"
    peer.expect_goaway(ErrorCodes.STREAM_CLOSED, last_stream_id=1)


def test_headers_on_half_closed_remote_stream_is_stream_closed(server):
    # A zero window keeps the answered stream open on the server (its DATA cannot leave), so the
    # second HEADERS finds the stream half-closed (remote), not closed.
    peer = Peer(server.address, settings=[(INITIAL_WINDOW_SIZE, 0)])
    peer.get(1)
    head = peer.wait_for(lambda f: isinstance(f, HeadersFrame) and f.stream_id == 1, "the response head")
    assert dict(head.fields)[":status"] == "200"
    peer.headers(1, [("x-trailer", "late")])
    peer.expect_reset(1, ErrorCodes.STREAM_CLOSED)  # §5.1 half-closed (remote)
    peer.send(settings_frame((INITIAL_WINDOW_SIZE, 65_535)))
    assert_usable(peer, 3)
    peer.close()


def test_data_on_half_closed_remote_stream_resets_it(server):
    # As above, the answered stream stays open on the server while its DATA waits for window.
    peer = Peer(server.address, settings=[(INITIAL_WINDOW_SIZE, 0)])
    peer.get(1)
    peer.wait_for(lambda f: isinstance(f, HeadersFrame) and f.stream_id == 1, "the response head")
    peer.data(1, b"after END_STREAM")
    peer.expect_reset(1, ErrorCodes.STREAM_CLOSED)  # §5.1 half-closed (remote), §6.1
    # The stream is closed for the server too: no DATA may follow its RST_STREAM (§5.1 closed).
    peer.send(settings_frame((INITIAL_WINDOW_SIZE, 65_535)))
    late = [f for f in peer.sync() if f.stream_id == 1]
    assert late == [], [type(f).__name__ for f in late]
    assert_usable(peer, 3)
    peer.close()


def test_push_promise_from_client_is_protocol_error(peer):
    peer.send(frame(PUSH_PROMISE, END_HEADERS, 1, struct.pack(">I", 2) + peer.encode(request_fields("GET", "/"))))
    peer.expect_goaway(ErrorCodes.PROTOCOL_ERROR)


def test_unknown_frame_types_are_ignored(peer):
    peer.send(frame(0xFA, 0xFF, 0, b"extension") + frame(0x21, 0, 1, b"x"))
    assert_usable(peer, 1)


# ---------------------------------------------------------------------------------------------
# Preface and SETTINGS (RFC 9113 §3.4, §6.5)


def test_invalid_preface_closes_the_connection(server):
    # Not the HTTP/2 preface, so the server takes it for HTTP/1.1 and rejects the request line.
    with socket.create_connection(server.address, timeout=TIMEOUT) as sock:
        sock.sendall(b"PRI * HTTP/2.0\r\n\r\nXX\r\n\r\n" + settings_frame())
        received = b""
        deadline = time.monotonic() + TIMEOUT
        while chunk := sock.recv(4096):
            received += chunk
            assert time.monotonic() < deadline, "the connection stayed open"
    assert received.startswith(b"HTTP/1.1 505 "), received[:80]


def test_first_frame_not_settings_is_protocol_error(server):
    peer = Peer(server.address, preface=False)
    peer.send(PREFACE + ping())
    peer.expect_goaway(ErrorCodes.PROTOCOL_ERROR, last_stream_id=0)
    assert not any(isinstance(f, PingFrame) for f in peer.received), "the PING was answered"
    peer.close()


def test_settings_ack_first_is_protocol_error(server):
    peer = Peer(server.address, preface=False)
    peer.send(PREFACE + settings_frame(ack=True))
    peer.expect_goaway(ErrorCodes.PROTOCOL_ERROR)
    peer.close()


@pytest.mark.parametrize(
    "payload_length",
    [5, 7, 13],
    ids=lambda n: f"{n}-bytes",
)
def test_settings_with_bad_length_is_frame_size_error(peer, payload_length):
    peer.send(frame(SETTINGS, 0, 0, b"\x00" * payload_length))
    peer.expect_goaway(ErrorCodes.FRAME_SIZE_ERROR)


def test_settings_ack_with_payload_is_frame_size_error(peer):
    peer.send(frame(SETTINGS, 0x1, 0, struct.pack(">HI", ENABLE_PUSH, 0)))
    peer.expect_goaway(ErrorCodes.FRAME_SIZE_ERROR)


def test_settings_on_a_stream_is_protocol_error(peer):
    peer.send(frame(SETTINGS, 0, 1, b""))
    peer.expect_goaway(ErrorCodes.PROTOCOL_ERROR)


def test_settings_enable_push_2_is_protocol_error(peer):
    peer.send(settings_frame((ENABLE_PUSH, 2)))
    peer.expect_goaway(ErrorCodes.PROTOCOL_ERROR)


def test_settings_initial_window_size_above_2_31_is_flow_control_error(peer):
    peer.send(settings_frame((INITIAL_WINDOW_SIZE, 1 << 31)))
    peer.expect_goaway(ErrorCodes.FLOW_CONTROL_ERROR)


@pytest.mark.parametrize("value", [0, 16_383, 1 << 24])
def test_settings_max_frame_size_out_of_range_is_protocol_error(peer, value):
    peer.send(settings_frame((MAX_FRAME_SIZE, value)))
    peer.expect_goaway(ErrorCodes.PROTOCOL_ERROR)


def test_unknown_settings_are_ignored_and_acknowledged(peer):
    peer.handshake()
    peer.send(settings_frame((0x7F, 1), (0xFFFF, 12345)))
    peer.wait_for(lambda f: isinstance(f, SettingsFrame) and "ACK" in f.flags, "SETTINGS ACK")
    assert_usable(peer, 1)


# ---------------------------------------------------------------------------------------------
# PING and frame sizes (RFC 9113 §6.7, §4.2)


def test_ping_is_answered_with_ack_and_same_payload(peer):
    peer.send(ping(b"\x00\x01room619"[:8]))
    answer = peer.wait_for(lambda f: isinstance(f, PingFrame), "PING ACK")
    assert "ACK" in answer.flags
    assert answer.opaque_data == b"\x00\x01room619"[:8]
    # A PING ACK from the client is not answered.
    peer.send(ping(b"ackackac", ack=True) + ping(b"second!!"))
    answer = peer.wait_for(lambda f: isinstance(f, PingFrame), "PING ACK")
    assert answer.opaque_data == b"second!!"


@pytest.mark.parametrize("length", [0, 7, 9])
def test_ping_with_wrong_length_is_frame_size_error(peer, length):
    peer.send(frame(PING, 0, 0, b"p" * length))
    peer.expect_goaway(ErrorCodes.FRAME_SIZE_ERROR)


def test_ping_on_a_stream_is_protocol_error(peer):
    peer.send(frame(PING, 0, 1, b"12345678"))
    peer.expect_goaway(ErrorCodes.PROTOCOL_ERROR)


@pytest.mark.parametrize("type_", [DATA, HEADERS], ids=["DATA", "HEADERS"])
def test_frame_larger_than_max_frame_size_is_frame_size_error(peer, type_):
    peer.headers(1, request_fields("POST", "/v1/echo"), end_stream=False)
    # Only the header is needed: the length field alone breaks SETTINGS_MAX_FRAME_SIZE (16,384).
    peer.send(frame(type_, 0, 1 if type_ == DATA else 3, b"", length=16_385) + b"\x00" * 16_385)
    peer.expect_goaway(ErrorCodes.FRAME_SIZE_ERROR)


def test_padding_longer_than_the_frame_is_protocol_error(peer):
    peer.headers(1, request_fields("POST", "/v1/echo"), end_stream=False)
    peer.send(frame(DATA, PADDED, 1, bytes([10]) + b"abc"))
    peer.expect_goaway(ErrorCodes.PROTOCOL_ERROR)


def test_padded_data_is_accepted(peer):
    body = echo_body("padded")
    peer.headers(1, request_fields("POST", "/v1/echo"), end_stream=False)
    peer.send(frame(DATA, PADDED | END_STREAM, 1, bytes([200]) + body + b"\x00" * 200))
    response = peer.response(1)
    assert response.status == 200
    assert json.loads(response.body) == json.loads(body)


# ---------------------------------------------------------------------------------------------
# Flow control (RFC 9113 §6.9)


def open_upload(peer, stream_id=1):
    """A POST whose handler waits for a body that has not come yet: a stream that stays open."""
    peer.headers(stream_id, request_fields("POST", "/v1/echo"), end_stream=False)


def test_window_update_of_zero_on_connection_is_protocol_error(peer):
    peer.send(window_update(0, 0))
    peer.expect_goaway(ErrorCodes.PROTOCOL_ERROR)


def test_window_update_of_zero_on_stream_is_stream_protocol_error(peer):
    open_upload(peer, 1)
    peer.send(window_update(1, 0))
    peer.expect_reset(1, ErrorCodes.PROTOCOL_ERROR)
    assert_usable(peer, 3)


def test_window_update_with_bad_length_is_frame_size_error(peer):
    peer.send(frame(WINDOW_UPDATE, 0, 0, b"\x00\x00\x01"))
    peer.expect_goaway(ErrorCodes.FRAME_SIZE_ERROR)


def test_connection_window_overflow_is_flow_control_error(peer):
    peer.send(window_update(0, (1 << 31) - 1))  # 65,535 + 2^31-1 > 2^31-1
    peer.expect_goaway(ErrorCodes.FLOW_CONTROL_ERROR)


def test_stream_window_overflow_is_stream_flow_control_error(peer):
    open_upload(peer, 1)
    peer.send(window_update(1, (1 << 31) - 1))
    peer.expect_reset(1, ErrorCodes.FLOW_CONTROL_ERROR)
    assert_usable(peer, 3)


def test_initial_window_size_change_overflowing_a_stream_is_flow_control_error(peer):
    open_upload(peer, 1)
    peer.send(window_update(1, (1 << 31) - 1 - 65_535))  # the stream window is now 2^31-1 exactly
    assert not any(isinstance(f, RstStreamFrame) for f in peer.sync())
    peer.send(settings_frame((INITIAL_WINDOW_SIZE, 65_536)))  # §6.9.2: +1 overflows it
    peer.expect_goaway(ErrorCodes.FLOW_CONTROL_ERROR)


def test_data_beyond_the_stream_window_is_stream_flow_control_error(server):
    """Uploads until the server stops opening the stream window, then sends one byte more.

    The echo handler reads 1 MiB, then fails (too large); its answer waits on our zero window,
    so the stream stays open while its unread body fills up until the server pauses it and
    stops sending WINDOW_UPDATE for the stream. A PING round trip after the window is used up
    tells whether the server granted more (its WINDOW_UPDATE comes before the PING ACK).
    """
    peer = Peer(server.address, settings=[(INITIAL_WINDOW_SIZE, 0)])
    stream_window = peer.handshake()[INITIAL_WINDOW_SIZE]
    connection_window = 65_535
    open_upload(peer, 1)
    sent = 0
    overdrawn = False

    def take(frames):
        """Credits window updates; returns the stream's RST_STREAM if one came."""
        nonlocal stream_window, connection_window
        for f in frames:
            assert not isinstance(f, GoAwayFrame), f
            if isinstance(f, RstStreamFrame) and f.stream_id == 1:
                return f
            if isinstance(f, WindowUpdateFrame):
                if f.stream_id == 0:
                    connection_window += f.window_increment
                elif f.stream_id == 1:
                    stream_window += f.window_increment
        return None

    while (reset := take(peer.sync())) is None:
        assert sent < 16 << 20, "the server kept opening the window"
        if stream_window <= 0:
            # Everything sent so far is handled and no window came back: one byte too many.
            peer.send(frame(DATA, 0, 1, b"x"))
            stream_window -= 1
            connection_window -= 1
            overdrawn = True
            continue
        budget = min(stream_window, connection_window, 256 << 10)
        assert budget > 0, "the connection window closed first"
        peer.data(1, b"x" * budget)
        stream_window -= budget
        connection_window -= budget
        sent += budget
    assert overdrawn and stream_window < 0, f"reset within the window: {reset}"
    assert reset.error_code == ErrorCodes.FLOW_CONTROL_ERROR, reset
    assert sent > 1 << 20
    peer.close()


def test_large_response_waits_for_the_readers_window(server):
    """A 300 KB response to a reader with the default 65,535-byte windows that opens them slowly."""
    peer = Peer(server.address)
    peer.handshake()
    body = echo_body("w" * 300_000)
    open_upload(peer, 1)
    peer.data(1, body, end_stream=True)

    def data(frames):
        assert not any(isinstance(f, (RstStreamFrame, GoAwayFrame)) for f in frames), frames
        data = [f for f in frames if isinstance(f, DataFrame)]
        assert all(f.stream_id == 1 and len(f.data) <= 16_384 for f in data)
        return data

    first = []
    while sum(len(f.data) for f in first) < 65_535:
        first.append(peer.wait_for(lambda f: isinstance(f, DataFrame), "the first window of DATA"))
    first += data(peer.sync())  # nothing more than the window
    assert sum(len(f.data) for f in first) == 65_535  # min(stream, connection) window
    assert not any("END_STREAM" in f.flags for f in first)
    head = peer.responses[1].headers
    assert dict(head)[":status"] == "200"

    peer.send(window_update(1, 100_000) + window_update(0, 100_000))
    second = data(peer.sync())
    assert sum(len(f.data) for f in second) == 100_000

    # The stream window alone releases nothing while the connection window is at zero.
    peer.send(window_update(1, 1 << 20))
    assert data(peer.sync()) == []

    peer.send(window_update(0, 1 << 20))
    rest = data(peer.sync())
    assert "END_STREAM" in rest[-1].flags
    received = b"".join(bytes(f.data) for f in first + second + rest)
    assert int(dict(head)["content-length"]) == len(received)
    assert json.loads(received) == json.loads(body)
    peer.close()


def test_initial_window_size_change_applies_to_open_streams(server):
    peer = Peer(server.address, settings=[(INITIAL_WINDOW_SIZE, 0)])
    peer.get(1, "/v1/items/123456")
    head = peer.wait_for(lambda f: isinstance(f, HeadersFrame) and f.stream_id == 1, "the response head")
    assert dict(head.fields)[":status"] == "200"
    assert not any(isinstance(f, DataFrame) for f in peer.sync()), "DATA sent into a zero window"
    peer.send(settings_frame((INITIAL_WINDOW_SIZE, 10)))  # §6.9.2: +10 on every open stream
    data = [f for f in peer.sync() if isinstance(f, DataFrame)]
    assert [len(f.data) for f in data] == [10]
    peer.send(window_update(1, 1000))
    end = peer.wait_for(lambda f: isinstance(f, DataFrame) and "END_STREAM" in f.flags, "the rest")
    assert json.loads(bytes(data[0].data) + bytes(end.data)) == item(123456)
    peer.close()


# ---------------------------------------------------------------------------------------------
# Header blocks (RFC 9113 §4.3, §6.2, §6.10, §8.2, §8.3; RFC 7541)


def test_oversized_header_list_is_refused_and_the_connection_stays_usable(peer):
    # 18 fields of ~1 KB each: more than SETTINGS_MAX_HEADER_LIST_SIZE (16,384) decoded, less encoded.
    fields = request_fields("GET", "/v1/items/1", *[(f"x-big-{n}", "a" * 1000) for n in range(18)])
    block = peer.encode(fields)
    assert len(block) < 16_384
    peer.send(frame(HEADERS, END_HEADERS | END_STREAM, 1, block))
    peer.expect_reset(1, ErrorCodes.REFUSED_STREAM)
    assert_usable(peer, 3)


def test_one_huge_header_field_is_refused_and_the_table_stays_in_step(peer):
    fields = request_fields("GET", "/v1/items/1", ("x-huge", "h" * 20_000), ("x-after", "kept"))
    block = peer.encode(fields, huffman=False)  # a 20,000-byte string literal
    peer.send(frame(HEADERS, END_STREAM, 1, block[:16_384]) + frame(CONTINUATION, END_HEADERS, 1, block[16_384:]))
    peer.expect_reset(1, ErrorCodes.REFUSED_STREAM)
    # hpack indexed "x-after: kept"; the next block refers to it by index.
    peer.headers(3, request_fields("GET", "/v1/items/3", ("x-after", "kept")))
    response = peer.response(3)
    assert response.status == 200


def test_header_block_over_continuation_is_accepted(peer):
    fields = request_fields("GET", "/v1/items/77", ("x-filler", "f" * 3000))
    block = peer.encode(fields, huffman=False)
    pieces = [block[i : i + 500] for i in range(0, len(block), 500)]
    out = frame(HEADERS, END_STREAM, 1, pieces[0])
    for index, piece in enumerate(pieces[1:], start=1):
        out += frame(CONTINUATION, END_HEADERS if index == len(pieces) - 1 else 0, 1, piece)
    peer.send(out)
    response = peer.response(1)
    assert (response.status, json.loads(response.body)) == (200, item(77))


MALFORMED = {
    "upper-case-name": request_fields("GET", "/v1/items/1", ("X-Upper", "1")),
    "missing-path": [(":method", "GET"), (":scheme", "http"), (":authority", "127.0.0.1")],
    "empty-path": request_fields("GET", ""),
    "missing-method": [(":scheme", "http"), (":path", "/v1/items/1")],
    "missing-scheme": [(":method", "GET"), (":path", "/v1/items/1")],
    "repeated-path": request_fields("GET", "/v1/items/1", (":path", "/v1/items/2")),
    "pseudo-after-regular": [(":method", "GET"), (":scheme", "http"), ("accept", "*/*"), (":path", "/")],
    "unknown-pseudo": request_fields("GET", "/v1/items/1", (":protocol", "websocket")),
    "response-pseudo": request_fields("GET", "/v1/items/1", (":status", "200")),
    "connection-keep-alive": request_fields("GET", "/v1/items/1", ("connection", "keep-alive")),
    "keep-alive": request_fields("GET", "/v1/items/1", ("keep-alive", "timeout=5")),
    "transfer-encoding": request_fields("GET", "/v1/items/1", ("transfer-encoding", "chunked")),
    "upgrade": request_fields("GET", "/v1/items/1", ("upgrade", "h2c")),
    "te-gzip": request_fields("GET", "/v1/items/1", ("te", "gzip")),
}


@pytest.mark.parametrize("fields", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_request_is_stream_protocol_error(peer, fields):
    peer.headers(1, fields)
    peer.expect_reset(1, ErrorCodes.PROTOCOL_ERROR)  # §8.1.1: malformed → stream error
    assert_usable(peer, 3)


def test_te_trailers_is_allowed(peer):
    peer.headers(1, request_fields("GET", "/v1/items/5", ("te", "trailers")))
    assert peer.response(1).status == 200


def test_trailers_from_the_client_are_accepted(peer):
    body = echo_body("with trailers")
    peer.headers(1, request_fields("POST", "/v1/echo", ("content-type", "application/json")), end_stream=False)
    peer.data(1, body[:10])
    peer.data(1, body[10:])
    peer.headers(1, [("x-checksum", "abc"), ("x-count", "2")], end_stream=True)
    response = peer.response(1)
    assert response.status == 200
    assert json.loads(response.body) == json.loads(body)


def test_trailers_without_end_stream_is_protocol_error(peer):
    open_upload(peer, 1)
    peer.headers(1, [("x-trailer", "1")], end_stream=False)
    peer.expect_goaway(ErrorCodes.PROTOCOL_ERROR)


def test_continuation_interleaved_with_another_frame_is_protocol_error(peer):
    block = peer.encode(request_fields("GET", "/v1/items/1"))
    peer.send(frame(HEADERS, END_STREAM, 1, block[:5]) + ping() + frame(CONTINUATION, END_HEADERS, 1, block[5:]))
    peer.expect_goaway(ErrorCodes.PROTOCOL_ERROR)
    assert not any(isinstance(f, PingFrame) for f in peer.received), "the interleaved PING was answered"


def test_continuation_on_another_stream_is_protocol_error(peer):
    block = peer.encode(request_fields("GET", "/v1/items/1"))
    peer.send(frame(HEADERS, END_STREAM, 1, block[:5]) + frame(CONTINUATION, END_HEADERS, 3, block[5:]))
    peer.expect_goaway(ErrorCodes.PROTOCOL_ERROR)


def test_continuation_without_headers_is_protocol_error(peer):
    assert_usable(peer, 1)
    peer.send(frame(CONTINUATION, END_HEADERS, 1, b"\x82"))
    peer.expect_goaway(ErrorCodes.PROTOCOL_ERROR)


def test_continuation_flood_of_frames_is_enhance_your_calm(peer):
    # HEADERS without END_HEADERS, then small CONTINUATION frames that never end the block.
    block = peer.encode(request_fields("GET", "/v1/items/1"))
    peer.send(frame(HEADERS, END_STREAM, 1, block) + frame(CONTINUATION, 0, 1, b"") * 10_000)
    peer.expect_goaway(ErrorCodes.ENHANCE_YOUR_CALM, last_stream_id=0)


def test_continuation_flood_of_bytes_is_enhance_your_calm(peer):
    # Few but full frames: the block passes twice the 16 KiB head limit.
    peer.send(frame(HEADERS, END_STREAM, 1, b"\x00" * 16_384))
    for _ in range(8):
        peer.send(frame(CONTINUATION, 0, 1, b"\x00" * 16_384))
    peer.expect_goaway(ErrorCodes.ENHANCE_YOUR_CALM, last_stream_id=0)


def hpack_bomb(references, value_size=4000):
    """A header block that adds one large field to the dynamic table, then refers to it `references` times."""
    value = b"b" * value_size
    insert = b"\x40" + bytes([7]) + b"x-bombs" + b"\x7f" + _hpack_int(value_size - 127) + value
    pseudo = b"\x82\x86\x84"  # :method GET, :scheme http, :path / (static table)
    return pseudo + insert + b"\xbe" * references  # index 62: the newest dynamic entry


def _hpack_int(value):
    out = bytearray()
    while value >= 128:
        out.append(value % 128 + 128)
        value //= 128
    out.append(value)
    return bytes(out)


def test_small_hpack_bomb_is_refused_and_the_connection_stays_usable(server):
    peer = Peer(server.address)
    # 16 copies of a 4 KB field: about 64 KB decoded from a 4 KB block.
    peer.send(frame(HEADERS, END_HEADERS | END_STREAM, 1, hpack_bomb(15)))
    peer.expect_reset(1, ErrorCodes.REFUSED_STREAM)
    # The block was decoded to its end, so the dynamic tables agree: index 62 is still the bomb
    # field, and a request that refers to it is refused again, while a plain request works.
    peer.send(frame(HEADERS, END_HEADERS | END_STREAM, 3, b"\x82\x86\x84" + b"\xbe" * 5))
    peer.expect_reset(3, ErrorCodes.REFUSED_STREAM)
    peer.send(frame(HEADERS, END_HEADERS | END_STREAM, 5, b"\x82\x86\x04\x0c/v1/items/55\xbe"))
    response = peer.response(5)
    assert response.status == 200 and json.loads(response.body) == item(55)
    peer.close()


def test_hpack_bomb_is_refused_without_memory_blow_up(server):
    before = server.rss_kib()
    peers = []
    for _ in range(4):
        # 32 KiB of one-byte references to a 4 KB field: ~110 MiB if decoded; the server stops
        # once the list passes 4 × 16 KiB + 64 KiB.
        block = hpack_bomb(32_768 - 4100)
        assert len(block) <= 32_768
        peer = Peer(server.address)
        peer.send(frame(HEADERS, END_STREAM, 1, block[:16_384]) + frame(CONTINUATION, END_HEADERS, 1, block[16_384:]))
        peer.expect_goaway(ErrorCodes.COMPRESSION_ERROR)
        peers.append(peer)
    growth_mib = (server.rss_kib() - before) / 1024
    assert growth_mib < 32, f"the server grew by {growth_mib:.0f} MiB"
    for peer in peers:
        peer.close()


def test_dynamic_table_size_above_the_limit_is_compression_error(peer):
    peer.send(frame(HEADERS, END_HEADERS | END_STREAM, 1, b"\x3f\xe2\x1f" + b"\x82\x86\x84"))  # size 4097
    peer.expect_goaway(ErrorCodes.COMPRESSION_ERROR)


# ---------------------------------------------------------------------------------------------
# Limits and abuse (MAX_CONCURRENT_STREAMS, CVE-2023-44487, CVE-2019-9512/9515, CVE-2024-27316)


def test_streams_past_max_concurrent_streams_are_refused(peer):
    peer.handshake()
    ids = [2 * n + 1 for n in range(150)]
    out = b""
    for stream_id in ids:
        out += frame(HEADERS, END_HEADERS, stream_id, peer.encode(request_fields("POST", "/v1/echo")))
    peer.send(out)  # 150 open uploads at once, none finished: 100 fit
    refused = set()
    while len(refused) < 50:
        reset = peer.wait_for(lambda f: isinstance(f, (RstStreamFrame, GoAwayFrame)), "REFUSED_STREAM")
        assert isinstance(reset, RstStreamFrame) and reset.error_code == ErrorCodes.REFUSED_STREAM, reset
        refused.add(reset.stream_id)
    assert refused == set(ids[100:])
    # The first 100 are served once their bodies arrive.
    out = b""
    for stream_id in ids[:100]:
        out += frame(DATA, END_STREAM, stream_id, echo_body("s", str(stream_id)))
    peer.send(out)
    for stream_id in ids[:100]:
        response = peer.response(stream_id)
        assert response.status == 200 and json.loads(response.body)["id"] == str(stream_id)
    assert_usable(peer, 301)


def test_rapid_reset_is_enhance_your_calm(peer):
    block = b"\x82\x86\x04\x0b/v1/items/1"  # static-table references and a literal: no table state
    out = bytearray()
    for n in range(1200):
        out += frame(HEADERS, END_HEADERS | END_STREAM, 2 * n + 1, block) + rst_stream(2 * n + 1, ErrorCodes.CANCEL)
    started = time.monotonic()
    peer.send(bytes(out))
    goaway = peer.expect_goaway(ErrorCodes.ENHANCE_YOUR_CALM)
    assert goaway.last_stream_id == 2 * 1000 + 1  # the 1,001st reset
    assert time.monotonic() - started < TIMEOUT


def test_ping_flood_is_enhance_your_calm(peer):
    peer.send(ping() * 1200)
    peer.expect_goaway(ErrorCodes.ENHANCE_YOUR_CALM)
    acks = [f for f in peer.received if isinstance(f, PingFrame)]
    assert len(acks) == 999  # 1,000 control frames per 10 s, the opening SETTINGS included


def test_settings_flood_is_enhance_your_calm(peer):
    peer.send(settings_frame() * 1200)
    peer.expect_goaway(ErrorCodes.ENHANCE_YOUR_CALM)
    acks = [f for f in peer.received if isinstance(f, SettingsFrame) and "ACK" in f.flags]
    assert len(acks) == 1000  # the opening SETTINGS and 999 more


# ---------------------------------------------------------------------------------------------
# PRIORITY (RFC 9113 §5.3.2, §6.3: accepted and ignored)


def test_priority_frames_are_accepted(peer):
    priority = struct.pack(">IB", 0, 15)
    peer.send(frame(PRIORITY, 0, 9, priority))  # an idle stream: does not open it
    peer.send(frame(PRIORITY, 0, 1, struct.pack(">IB", 0x8000_0009, 200)))
    block = peer.encode(request_fields("GET", "/v1/items/1"))
    peer.send(frame(HEADERS, END_HEADERS | END_STREAM | PRIORITY_FLAG, 1, struct.pack(">IB", 9, 32) + block))
    assert peer.response(1).status == 200
    assert_usable(peer, 3)  # 3 < 9: PRIORITY on stream 9 did not move the stream IDs on
    peer.send(frame(PRIORITY, 0, 1, priority))  # a closed stream
    assert_usable(peer, 5)


def test_priority_with_wrong_length_is_stream_frame_size_error(peer):
    peer.send(frame(PRIORITY, 0, 5, b"\x00\x00\x00\x00"))
    peer.expect_reset(5, ErrorCodes.FRAME_SIZE_ERROR)
    assert_usable(peer, 7)


def test_priority_depending_on_itself_is_stream_protocol_error(peer):
    peer.send(frame(PRIORITY, 0, 3, struct.pack(">IB", 3, 1)))
    peer.expect_reset(3, ErrorCodes.PROTOCOL_ERROR)
    assert_usable(peer, 5)


def test_priority_on_stream_zero_is_protocol_error(peer):
    peer.send(frame(PRIORITY, 0, 0, struct.pack(">IB", 1, 1)))
    peer.expect_goaway(ErrorCodes.PROTOCOL_ERROR)


# ---------------------------------------------------------------------------------------------
# Ending connections (RFC 9113 §6.8)


def test_goaway_from_the_client_lets_open_streams_finish(peer):
    open_upload(peer, 1)
    peer.send(frame(GOAWAY, 0, 0, struct.pack(">II", 0, 0)))
    body = echo_body("last one")
    peer.data(1, body, end_stream=True)
    response = peer.response(1)
    assert response.status == 200 and json.loads(response.body) == json.loads(body)
    peer.expect_closed()


def test_graceful_shutdown_sends_goaway_with_the_last_stream_and_finishes_it(own_server):
    peer = Peer(own_server.address)
    assert_usable(peer, 1)
    open_upload(peer, 3)
    peer.sync()  # the server has stream 3
    own_server.terminate()
    goaway = peer.wait_for(lambda f: isinstance(f, GoAwayFrame), "GOAWAY")
    assert (goaway.error_code, goaway.last_stream_id) == (ErrorCodes.NO_ERROR, 3)
    body = echo_body("in flight")
    peer.data(3, body, end_stream=True)
    response = peer.response(3)
    assert response.status == 200 and json.loads(response.body) == json.loads(body)
    peer.expect_closed()
    # The listener is closed: nothing new is accepted.
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(own_server.address, timeout=TIMEOUT).close()
