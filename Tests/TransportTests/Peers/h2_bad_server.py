#!/usr/bin/env python3
"""Scripted, misbehaving HTTP/2 server used by the Swift HTTP/2 client tests.

Usage:
    .venv/bin/python Tests/TransportTests/Peers/h2_bad_server.py SCENARIO

The server listens on 127.0.0.1 (ephemeral port), accepts exactly one
connection, performs the HTTP/2 handshake, waits for the client's first
request and then behaves as SCENARIO says. Frames are built and parsed with
`hyperframe` and header blocks with `hpack`, so malformed input is easy to
produce. Throughout the connection the server ACKs client SETTINGS, answers
client PINGs and ignores WINDOW_UPDATE / PRIORITY frames (unless a scenario
says otherwise). DATA received from the client is credited back with
WINDOW_UPDATE frames.

Output protocol (stdout, one line each, flushed immediately):
    PORT <n>                    first line, once the listener is bound
    REQUEST <method> <path>     whenever a request header block is complete
    GOAWAY <error_code>         the client sent GOAWAY
    RST <stream_id> <code>      the client sent RST_STREAM
    BODY <n>                    slow_window: request body bytes received
    EARLY <n>                   slow_window: body bytes that arrived before
                                the server opened the window (only if n > 0)
    MAXOPEN <n>                 max_streams: most streams open at once
    DONE                        last line; exit status 0
    ERROR <text>                something went wrong; exit status 1 unless
                                followed by DONE (non-fatal oddities)

After the scenario the server keeps reading (and reporting) client frames
until the client closes the connection or DRAIN_TIMEOUT passes, then prints
DONE. The whole run is bounded by TOTAL_BUDGET (plus a SIGALRM backstop).

Scenarios (behaviour once the request on stream 1 has arrived):
    ok                      200, content-type/length, DATA "hello" END_STREAM
    trailers                200, DATA "abc", trailers grpc-status: 0,
                            x-trailer: yes (END_STREAM)
    continuation            response head split over HEADERS + 2 CONTINUATION
                            frames (300-byte x-long header), DATA "ok"
    push_promise            PUSH_PROMISE on stream 1 (push is disabled by the
                            client) -> expect GOAWAY 1
    no_status               HEADERS without :status, END_STREAM
                            -> expect RST 1 1
    bad_hpack               HEADERS whose block is invalid HPACK
                            -> expect GOAWAY 9
    stream_window_overflow  200, then 5 x 16384 bytes of DATA ignoring the
                            client's stream window -> expect RST 1 3
    refuse                  RST_STREAM(REFUSED_STREAM); later requests (e.g.
                            the retry on stream 3) are answered like `ok`
    goaway                  GOAWAY(last_stream_id 0, NO_ERROR, "bye"), then
                            closes the connection ~100 ms later
    reset_internal          200, DATA "par", RST_STREAM(INTERNAL_ERROR)
    vanish                  200 with content-length 100, 10 bytes of DATA,
                            then the connection is closed (no GOAWAY)
    content_length_mismatch 200 with content-length 10, DATA "abc" END_STREAM
                            -> expect RST 1 1
    ping_flood              2000 PINGs as fast as possible -> expect GOAWAY 11
    data_on_idle            DATA on idle stream 7 -> expect GOAWAY 1
    max_streams             SETTINGS MAX_CONCURRENT_STREAMS=1; answers up to 5
                            requests one at a time, each after 200 ms, with
                            body = the request's :path; prints MAXOPEN
    slow_window             SETTINGS INITIAL_WINDOW_SIZE=0; after 300 ms opens
                            the connection (+65535) and stream (+100000)
                            windows, reads the whole request body and answers
                            200 with the body length as decimal text
"""

import os
import signal
import socket
import sys
import time
from collections import deque

from hpack import Decoder, Encoder
from hpack.exceptions import HPACKError
from hyperframe.exceptions import HyperframeError
from hyperframe.frame import (
    ContinuationFrame,
    DataFrame,
    Frame,
    GoAwayFrame,
    HeadersFrame,
    PingFrame,
    PushPromiseFrame,
    RstStreamFrame,
    SettingsFrame,
    WindowUpdateFrame,
)

PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
FRAME_HEADER_LENGTH = 9

# Error codes (RFC 9113, section 7).
NO_ERROR = 0x0
INTERNAL_ERROR = 0x2
REFUSED_STREAM = 0x7

# Timing (seconds). Every blocking call is bounded by one of these. Only a failing run waits
# this long; the margins are wide because the Swift tests run in parallel, and on a loaded
# machine this script may wait seconds for a CPU.
TOTAL_BUDGET = 55.0  # whole run, from start-up
HARD_LIMIT = 60  # SIGALRM backstop in case something still blocks
ACCEPT_TIMEOUT = 30.0
REQUEST_TIMEOUT = 30.0  # handshake + first request
NEXT_REQUEST_TIMEOUT = 30.0  # max_streams: wait for the next queued request
BODY_TIMEOUT = 30.0  # slow_window: wait for the end of the request body
DRAIN_TIMEOUT = 30.0  # final read phase
SEND_TIMEOUT = 10.0


def emit(line):
    """Print one protocol line and flush so the test sees it at once."""
    print(line, flush=True)


class PeerClosed(Exception):
    """The client closed (or reset) the connection, or we closed it."""


class HandshakeError(Exception):
    """The client did not start with a valid preface + SETTINGS."""


class Request:
    """A client request stream, as seen by the server."""

    def __init__(self, stream_id, headers, ended):
        self.stream_id = stream_id
        self.headers = headers
        fields = dict(headers)
        self.method = fields.get(":method", "-")
        self.path = fields.get(":path", "-")
        self.ended = ended  # client sent END_STREAM
        self.body_length = 0


class Connection:
    """One server-side HTTP/2 connection driven frame by frame.

    Scenarios call `send_*` to write frames and `wait_for` / `pump` to process
    incoming frames; control frames are answered automatically in `_handle`.
    """

    def __init__(self, sock, deadline):
        self.sock = sock
        self.deadline = deadline  # absolute time.monotonic() limit
        self.buffer = bytearray()
        self.closed = False  # no more input (client closed, or reset)
        self.write_closed = False  # we shut down our sending side
        self.send_failed = False
        self.encoder = Encoder()
        self.decoder = Decoder()
        self.client_settings = {}
        self.requests = {}  # stream id -> Request
        self.pending = deque()  # requests the scenario has not picked up yet
        self.open_streams = set()  # request received, response not finished
        self.max_open = 0
        self.header_block = None  # [stream id, end stream, bytes] being continued
        self.replenish = True  # credit received DATA back to the client
        self.late_request_handler = None  # serves requests seen while draining
        self.answer_pings = True
        self.summary = []  # callables producing lines printed before DONE

    # -- Reading ---------------------------------------------------------

    def _fill(self, count, deadline):
        """Buffer at least `count` bytes; False on timeout. Raises PeerClosed."""
        while len(self.buffer) < count:
            if self.closed:
                raise PeerClosed()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            self.sock.settimeout(remaining)
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                return False
            except OSError:  # ECONNRESET and friends
                chunk = b""
            if not chunk:
                self.closed = True
                raise PeerClosed()
            self.buffer += chunk
        return True

    def read_frame(self, timeout):
        """Return the next client frame, or None if none arrives in time.

        A partially received frame stays buffered for the next call.
        """
        deadline = min(time.monotonic() + timeout, self.deadline)
        if not self._fill(FRAME_HEADER_LENGTH, deadline):
            return None
        header = memoryview(bytes(self.buffer[:FRAME_HEADER_LENGTH]))
        frame, length = Frame.parse_frame_header(header)
        if not self._fill(FRAME_HEADER_LENGTH + length, deadline):
            return None
        body = bytes(self.buffer[FRAME_HEADER_LENGTH:FRAME_HEADER_LENGTH + length])
        del self.buffer[:FRAME_HEADER_LENGTH + length]
        frame.parse_body(memoryview(body))
        return frame

    def handshake(self, settings):
        """Read the client preface and SETTINGS; send ours and the ACK."""
        deadline = min(time.monotonic() + REQUEST_TIMEOUT, self.deadline)
        if not self._fill(len(PREFACE), deadline):
            raise HandshakeError("no connection preface")
        if bytes(self.buffer[:len(PREFACE)]) != PREFACE:
            raise HandshakeError("bad connection preface")
        del self.buffer[:len(PREFACE)]
        frame = self.read_frame(deadline - time.monotonic())
        if not isinstance(frame, SettingsFrame) or "ACK" in frame.flags:
            raise HandshakeError("first frame is not SETTINGS: %r" % (frame,))
        self.send(SettingsFrame(0, settings=settings))
        self._handle(frame)  # records the settings and ACKs them

    def step(self, timeout):
        """Read and handle one frame. Raises PeerClosed."""
        try:
            frame = self.read_frame(timeout)
        except HyperframeError as error:
            emit("ERROR malformed frame from client: %s" % error)
            return
        if frame is not None:
            self._handle(frame)

    def wait_for(self, predicate, timeout):
        """Handle frames until `predicate()` holds, the timeout passes or the
        connection closes; returns the final value of the predicate."""
        end = min(time.monotonic() + timeout, self.deadline)
        try:
            while not predicate():
                remaining = end - time.monotonic()
                if remaining <= 0:
                    break
                self.step(remaining)
        except PeerClosed:
            pass
        return bool(predicate())

    def pump(self, duration):
        """Keep handling incoming frames for `duration` seconds."""
        self.wait_for(lambda: self.closed, duration)

    def drain(self, timeout):
        """Final phase: report client frames until it closes or `timeout`.

        Requests arriving meanwhile are served by `late_request_handler`
        (if any) and otherwise left unanswered.
        """
        end = min(time.monotonic() + timeout, self.deadline)
        while not self.closed and time.monotonic() < end:
            self.wait_for(lambda: self.pending, end - time.monotonic())
            while self.pending:
                request = self.pending.popleft()
                if self.late_request_handler is not None:
                    self.late_request_handler(self, request)

    # -- Handling client frames --------------------------------------------

    def _handle(self, frame):
        if isinstance(frame, SettingsFrame):
            if "ACK" not in frame.flags:
                self.client_settings.update(frame.settings)
                table_size = frame.settings.get(SettingsFrame.HEADER_TABLE_SIZE)
                if table_size is not None:
                    self.encoder.header_table_size = table_size
                self.send(SettingsFrame(0, flags=["ACK"]))
        elif isinstance(frame, PingFrame):
            if "ACK" in frame.flags:
                pass
            elif self.answer_pings:
                self.send(PingFrame(0, opaque_data=frame.opaque_data, flags=["ACK"]))
            else:
                emit("PING")
        elif isinstance(frame, GoAwayFrame):
            emit("GOAWAY %d" % frame.error_code)
        elif isinstance(frame, RstStreamFrame):
            emit("RST %d %d" % (frame.stream_id, frame.error_code))
            self.open_streams.discard(frame.stream_id)
        elif isinstance(frame, (HeadersFrame, ContinuationFrame)):
            self._on_header_fragment(frame)
        elif isinstance(frame, DataFrame):
            self._on_data(frame)
        # WINDOW_UPDATE, PRIORITY and unknown extension frames are ignored.

    def _on_header_fragment(self, frame):
        if isinstance(frame, HeadersFrame):
            self.header_block = [frame.stream_id, "END_STREAM" in frame.flags,
                                 bytearray(frame.data)]
        elif self.header_block is None or self.header_block[0] != frame.stream_id:
            emit("ERROR unexpected CONTINUATION on stream %d" % frame.stream_id)
            return
        else:
            self.header_block[2] += frame.data
        if "END_HEADERS" not in frame.flags:
            return
        stream_id, end_stream, block = self.header_block
        self.header_block = None
        try:
            headers = self.decoder.decode(bytes(block))
        except HPACKError as error:
            emit("ERROR undecodable request headers: %s" % error)
            return
        request = self.requests.get(stream_id)
        if request is not None:  # trailers on an existing request
            request.ended = request.ended or end_stream
            return
        request = Request(stream_id, headers, end_stream)
        self.requests[stream_id] = request
        self.pending.append(request)
        self.open_streams.add(stream_id)
        self.max_open = max(self.max_open, len(self.open_streams))
        emit("REQUEST %s %s" % (request.method, request.path))

    def _on_data(self, frame):
        request = self.requests.get(frame.stream_id)
        if request is not None:
            request.body_length += len(frame.data)
            if "END_STREAM" in frame.flags:
                request.ended = True
        credit = frame.flow_controlled_length
        if self.replenish and credit > 0:
            updates = [WindowUpdateFrame(0, window_increment=credit)]
            if request is not None and not request.ended:
                updates.append(WindowUpdateFrame(frame.stream_id, window_increment=credit))
            self.send(*updates)

    # -- Writing -----------------------------------------------------------

    def send(self, *frames):
        """Write frames; errors (client gone) are swallowed and remembered."""
        if self.write_closed or self.send_failed:
            return False
        data = b"".join(frame.serialize() for frame in frames)
        self.sock.settimeout(SEND_TIMEOUT)
        try:
            self.sock.sendall(data)
        except OSError:  # EPIPE, ECONNRESET, timeout
            self.send_failed = True
            return False
        return True

    def encode(self, headers):
        return self.encoder.encode(headers)

    def send_headers(self, stream_id, headers, end_stream=False):
        flags = ["END_HEADERS"] + (["END_STREAM"] if end_stream else [])
        self.send(HeadersFrame(stream_id, data=self.encode(headers), flags=flags))
        if end_stream:
            self.open_streams.discard(stream_id)

    def send_data(self, stream_id, data, end_stream=False):
        flags = ["END_STREAM"] if end_stream else []
        self.send(DataFrame(stream_id, data=data, flags=flags))
        if end_stream:
            self.open_streams.discard(stream_id)

    def send_rst(self, stream_id, error_code):
        self.send(RstStreamFrame(stream_id, error_code=error_code))
        self.open_streams.discard(stream_id)

    def close(self):
        """Stop sending (FIN). Reading continues so the drain phase still
        sees the client's reaction, and close() later will not turn into a
        TCP reset because of unread input."""
        self.write_closed = True
        try:
            self.sock.shutdown(socket.SHUT_WR)
        except OSError:
            pass


# -- Scenarios -----------------------------------------------------------------
# Each takes the connection and the first request (stream 1).


def respond_ok(conn, request, body=b"hello"):
    """A well-formed response: 200, text/plain, content-length, body."""
    conn.send_headers(request.stream_id, [
        (":status", "200"),
        ("content-type", "text/plain"),
        ("content-length", str(len(body))),
    ])
    conn.send_data(request.stream_id, body, end_stream=True)


def scenario_ok(conn, request):
    respond_ok(conn, request)


def scenario_trailers(conn, request):
    conn.send_headers(request.stream_id, [(":status", "200")])
    conn.send_data(request.stream_id, b"abc")
    conn.send_headers(request.stream_id, [("grpc-status", "0"), ("x-trailer", "yes")],
                      end_stream=True)


def scenario_continuation(conn, request):
    block = conn.encode([
        (":status", "200"),
        ("content-type", "text/plain"),
        ("x-long", "a" * 300),
    ])
    third = len(block) // 3
    conn.send(
        HeadersFrame(request.stream_id, data=block[:third]),
        ContinuationFrame(request.stream_id, data=block[third:2 * third]),
        ContinuationFrame(request.stream_id, data=block[2 * third:], flags=["END_HEADERS"]),
    )
    conn.send_data(request.stream_id, b"ok", end_stream=True)


def scenario_push_promise(conn, request):
    authority = dict(request.headers).get(":authority", "127.0.0.1")
    block = conn.encode([
        (":method", "GET"),
        (":scheme", "http"),
        (":authority", authority),
        (":path", "/pushed"),
    ])
    conn.send(PushPromiseFrame(request.stream_id, promised_stream_id=2, data=block,
                               flags=["END_HEADERS"]))


def scenario_no_status(conn, request):
    conn.send_headers(request.stream_id, [("content-type", "text/plain")], end_stream=True)


def scenario_bad_hpack(conn, request):
    # Indexed field whose integer never terminates (overlong / truncated).
    conn.send(HeadersFrame(request.stream_id, data=b"\xff\xff\xff\xff\xff",
                           flags=["END_HEADERS", "END_STREAM"]))


def scenario_stream_window_overflow(conn, request):
    conn.send_headers(request.stream_id, [(":status", "200")])
    chunk = b"x" * 16384  # always <= the client's SETTINGS_MAX_FRAME_SIZE
    for _ in range(5):  # 81920 bytes > 65535, sent without waiting for credit
        conn.send_data(request.stream_id, chunk)


def scenario_refuse(conn, request):
    conn.send_rst(request.stream_id, REFUSED_STREAM)
    conn.late_request_handler = respond_ok  # the retry gets a normal answer


def scenario_answer_early(conn, request):
    # A whole answer before the request has ended, then "send no more" (RFC 9113 §8.1), as
    # grpc-core does when its status goes out first.
    respond_ok(conn, request)
    conn.send_rst(request.stream_id, NO_ERROR)


def scenario_silent(conn, request):
    # Gone without closing the connection: no answer, not even to PINGs.
    conn.answer_pings = False


def scenario_goaway(conn, request):
    conn.send(GoAwayFrame(0, last_stream_id=0, error_code=NO_ERROR, additional_data=b"bye"))
    conn.pump(0.1)
    conn.close()


def scenario_reset_internal(conn, request):
    conn.send_headers(request.stream_id, [(":status", "200")])
    conn.send_data(request.stream_id, b"par")
    conn.send_rst(request.stream_id, INTERNAL_ERROR)


def scenario_vanish(conn, request):
    conn.send_headers(request.stream_id, [(":status", "200"), ("content-length", "100")])
    conn.send_data(request.stream_id, b"0123456789")
    conn.close()


def scenario_content_length_mismatch(conn, request):
    conn.send_headers(request.stream_id, [(":status", "200"), ("content-length", "10")])
    conn.send_data(request.stream_id, b"abc", end_stream=True)


def scenario_ping_flood(conn, request):
    # One write; fails harmlessly (EPIPE/ECONNRESET) once the client gives up.
    conn.send(*[PingFrame(0, opaque_data=i.to_bytes(8, "big")) for i in range(2000)])


def scenario_ping_per_data(conn, request):
    # What grpc-go's BDP estimator does: a PING beside nearly every DATA frame. Not a flood:
    # 2,000 of them, against a limit of 100, must still deliver the whole body.
    conn.send_headers(request.stream_id, [(":status", "200")])
    for i in range(2000):
        conn.send(DataFrame(request.stream_id, data=b"x"), PingFrame(0, opaque_data=i.to_bytes(8, "big")))
    conn.send_data(request.stream_id, b"", end_stream=True)


def scenario_data_on_idle(conn, request):
    conn.send(DataFrame(7, data=b"unexpected", flags=["END_STREAM"]))


def scenario_max_streams(conn, request):
    conn.summary.append(lambda: "MAXOPEN %d" % conn.max_open)
    for served in range(1, 6):
        # Keep reading while the answer is delayed, so a client that ignores
        # MAX_CONCURRENT_STREAMS shows up in conn.max_open.
        conn.pump(0.2)
        respond_ok(conn, request, body=request.path.encode())
        if served == 5 or not conn.wait_for(lambda: conn.pending, NEXT_REQUEST_TIMEOUT):
            break
        request = conn.pending.popleft()


def scenario_slow_window(conn, request):
    # Our SETTINGS said INITIAL_WINDOW_SIZE=0: the client may not send DATA
    # on the stream until we grant credit here.
    conn.replenish = False
    conn.pump(0.3)
    if request.body_length > 0:
        emit("EARLY %d" % request.body_length)
    conn.send(WindowUpdateFrame(0, window_increment=65535),
              WindowUpdateFrame(request.stream_id, window_increment=100000))
    conn.replenish = True
    if not conn.wait_for(lambda: request.ended, BODY_TIMEOUT):
        emit("ERROR request body incomplete after %d bytes" % request.body_length)
        return
    emit("BODY %d" % request.body_length)
    respond_ok(conn, request, body=str(request.body_length).encode())


# name -> (server SETTINGS, behaviour)
SCENARIOS = {
    "ok": ({}, scenario_ok),
    "ping_per_data": ({}, scenario_ping_per_data),
    "trailers": ({}, scenario_trailers),
    "continuation": ({}, scenario_continuation),
    "push_promise": ({}, scenario_push_promise),
    "no_status": ({}, scenario_no_status),
    "bad_hpack": ({}, scenario_bad_hpack),
    "stream_window_overflow": ({}, scenario_stream_window_overflow),
    "refuse": ({}, scenario_refuse),
    "answer_early": ({}, scenario_answer_early),
    "silent": ({}, scenario_silent),
    "goaway": ({}, scenario_goaway),
    "reset_internal": ({}, scenario_reset_internal),
    "vanish": ({}, scenario_vanish),
    "content_length_mismatch": ({}, scenario_content_length_mismatch),
    "ping_flood": ({}, scenario_ping_flood),
    "data_on_idle": ({}, scenario_data_on_idle),
    "max_streams": ({SettingsFrame.MAX_CONCURRENT_STREAMS: 1}, scenario_max_streams),
    "slow_window": ({SettingsFrame.INITIAL_WINDOW_SIZE: 0}, scenario_slow_window),
}


def on_alarm(signum, frame):
    emit("ERROR timeout")
    os._exit(1)


def main(argv):
    if len(argv) != 2 or argv[1] not in SCENARIOS:
        sys.stderr.write("usage: %s SCENARIO\nscenarios: %s\n"
                         % (argv[0], " ".join(SCENARIOS)))
        return 2
    settings, scenario = SCENARIOS[argv[1]]
    deadline = time.monotonic() + TOTAL_BUDGET
    signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(HARD_LIMIT)

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        emit("PORT %d" % listener.getsockname()[1])
        listener.settimeout(ACCEPT_TIMEOUT)
        try:
            sock, _ = listener.accept()
        except socket.timeout:
            emit("ERROR no client")
            return 1
    finally:
        listener.close()
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    conn = Connection(sock, deadline)
    try:
        try:
            conn.handshake(settings)
        except (HandshakeError, PeerClosed, HyperframeError) as error:
            emit("ERROR handshake failed: %s" % (error or "connection closed"))
            return 1
        if not conn.wait_for(lambda: conn.pending, REQUEST_TIMEOUT):
            emit("ERROR no request")
            return 1
        try:
            scenario(conn, conn.pending.popleft())
        except PeerClosed:
            pass  # the client hung up mid-scenario; the drain reports nothing more
        conn.drain(DRAIN_TIMEOUT)
        for line in conn.summary:
            emit(line())
        emit("DONE")
        return 0
    finally:
        sock.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
