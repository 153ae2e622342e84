"""A recording TCP proxy for h2c gRPC: it forwards bytes unchanged both ways and, on the side,
parses the HTTP/2 frames (hyperframe) and header blocks (an hpack Decoder per direction) to record
each stream's headers, trailers, resets and gRPC messages with their compressed flag.

    with RecordingProxy(server.address) as proxy:
        run the client against proxy.port
    for stream in proxy.streams():  # after the proxy closed, in the order the requests began
        stream.path, stream.request_headers, [m.flag for m in stream.request_messages], stream.status

Parsing never changes what is forwarded: a frame the recorder cannot parse is noted in `errors`
and the rest of that direction is forwarded unparsed.
"""

import socket
import threading

import hpack
from hyperframe.frame import (
    ContinuationFrame,
    DataFrame,
    Frame,
    GoAwayFrame,
    HeadersFrame,
    RstStreamFrame,
)

from grpc_wire import PREFACE, split_messages

JOIN_TIMEOUT = 10.0


class RecordedStream:
    """One stream as it crossed the proxy."""

    def __init__(self, connection, stream_id, sequence):
        self.connection = connection  # the index of the TCP connection, in accept order
        self.stream_id = stream_id
        self.sequence = sequence  # order of the request HEADERS across all connections
        self.request_headers = None
        self.request_trailers = None
        self.response_headers = None
        self.response_trailers = None
        self.trailers_only = False
        self.request_data = bytearray()
        self.response_data = bytearray()
        self.resets = []  # ("client" | "server", error code)

    @property
    def path(self):
        return dict(self.request_headers or ()).get(":path")

    def request_header(self, name):
        return dict(self.request_headers or ()).get(name)

    def response_header(self, name):
        return dict(self.response_headers or ()).get(name)

    @property
    def request_messages(self):
        return split_messages(self.request_data)[0]

    @property
    def response_messages(self):
        return split_messages(self.response_data)[0]

    @property
    def status(self):
        final = self.response_headers if self.trailers_only else self.response_trailers
        value = dict(final or ()).get("grpc-status")
        return None if value is None else int(value)

    def describe(self):
        return (
            f"connection {self.connection} stream {self.stream_id}: request {self.request_headers} "
            f"flags {[m.flag for m in self.request_messages]}; response {self.response_headers} "
            f"flags {[m.flag for m in self.response_messages]}, trailers {self.response_trailers}, resets {self.resets}"
        )


class _Direction:
    """The frame parser for one direction of one connection."""

    def __init__(self, proxy, connection, from_client):
        self.proxy = proxy
        self.connection = connection
        self.from_client = from_client
        self.side = "client" if from_client else "server"
        self.decoder = hpack.Decoder()
        self.decoder.max_allowed_table_size = 1 << 24  # whatever SETTINGS_HEADER_TABLE_SIZE allowed
        self.decoder.max_header_list_size = 1 << 24
        self.buffer = bytearray()
        self.awaiting_preface = from_client
        self.block = None  # (stream ID, END_STREAM, bytes) of a header block in progress
        self.broken = False

    def feed(self, data):
        if self.broken:
            return
        self.buffer += data
        try:
            self._parse()
        except Exception as error:  # noqa: BLE001 - the proxy must keep forwarding; the test sees `errors`
            self.broken = True
            self.proxy.errors.append(f"{self.side} → connection {self.connection}: {type(error).__name__}: {error}")

    def _parse(self):
        if self.awaiting_preface:
            if len(self.buffer) < len(PREFACE):
                return
            if bytes(self.buffer[: len(PREFACE)]) != PREFACE:
                raise ValueError(f"no HTTP/2 preface: {bytes(self.buffer[:24])!r}")
            del self.buffer[: len(PREFACE)]
            self.awaiting_preface = False
        while len(self.buffer) >= 9:
            frame, length = Frame.parse_frame_header(memoryview(bytes(self.buffer[:9])))
            if len(self.buffer) < 9 + length:
                return
            frame.parse_body(memoryview(bytes(self.buffer[9 : 9 + length])))
            del self.buffer[: 9 + length]
            self._record(frame)

    def _record(self, frame):
        if isinstance(frame, HeadersFrame):
            self.block = (frame.stream_id, "END_STREAM" in frame.flags, bytes(frame.data))
        elif isinstance(frame, ContinuationFrame):
            stream_id, ends, block = self.block
            self.block = (stream_id, ends, block + bytes(frame.data))
        elif isinstance(frame, DataFrame):
            stream = self.proxy._stream(self.connection, frame.stream_id)
            (stream.request_data if self.from_client else stream.response_data).extend(frame.data)
        elif isinstance(frame, RstStreamFrame):
            self.proxy._stream(self.connection, frame.stream_id).resets.append((self.side, frame.error_code))
        elif isinstance(frame, GoAwayFrame):
            self.proxy.goaways.append((self.connection, self.side, frame.error_code, frame.last_stream_id))
        if isinstance(frame, (HeadersFrame, ContinuationFrame)) and "END_HEADERS" in frame.flags:
            stream_id, ends, block = self.block
            self.block = None
            fields = [(n.decode(), v.decode(errors="replace")) for n, v in self.decoder.decode(block, raw=True)]
            self._header_block(stream_id, ends, fields)

    def _header_block(self, stream_id, ends_stream, fields):
        stream = self.proxy._stream(self.connection, stream_id)
        if self.from_client:
            if stream.request_headers is None:
                stream.request_headers = fields
                stream.sequence = self.proxy._next_sequence()
            else:
                stream.request_trailers = fields
        elif stream.response_headers is None or any(n == ":status" for n, _ in fields):
            stream.response_headers = fields  # (a 1xx head would be replaced by the final one)
            stream.trailers_only = ends_stream
        else:
            stream.response_trailers = fields


class RecordingProxy:
    """Listens on 127.0.0.1 (a free port) and relays each connection to `upstream`."""

    def __init__(self, upstream):
        self.upstream = upstream
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.errors = []
        self.goaways = []  # (connection, sender, error code, last stream ID)
        self._streams = {}
        self._lock = threading.Lock()
        self._sequence = 0
        self._sockets = []
        self._threads = []  # client → server, server → client, for each connection
        self._stopping = threading.Event()
        self._accepting = threading.Thread(target=self._accept, daemon=True)
        self._accepting.start()

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.close()

    @property
    def connections(self):
        return len(self._sockets) // 2

    def streams(self, path=None):
        """The recorded streams that carried requests (to `path`, if given), in request order."""
        with self._lock:
            streams = [s for s in self._streams.values() if s.request_headers is not None]
        return sorted((s for s in streams if path is None or s.path == path), key=lambda s: s.sequence)

    def close(self):
        """Waits for the client to end its connections, then cuts the server side and stops.

        The client has seen every byte it needed once it closes, and each relay thread records
        a chunk right after forwarding it, so after the joins the record is complete.
        """
        self._stopping.set()
        self._accepting.join(JOIN_TIMEOUT)
        for thread in self._threads[0::2]:  # client → server: ends at the client's EOF
            thread.join(JOIN_TIMEOUT)
        for sock in self._sockets[1::2]:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        for thread in self._threads:
            thread.join(JOIN_TIMEOUT)
        for sock in self._sockets:
            sock.close()
        self.listener.close()

    def _stream(self, connection, stream_id):
        with self._lock:
            key = (connection, stream_id)
            if key not in self._streams:
                self._streams[key] = RecordedStream(connection, stream_id, sequence=None)
            return self._streams[key]

    def _next_sequence(self):
        with self._lock:
            self._sequence += 1
            return self._sequence

    def _accept(self):
        self.listener.settimeout(0.05)  # a close() does not wake a blocked accept(), so poll
        while not self._stopping.is_set():
            try:
                client, _ = self.listener.accept()
            except socket.timeout:
                continue
            try:
                server = socket.create_connection(self.upstream, timeout=JOIN_TIMEOUT)
            except OSError as error:
                self.errors.append(f"cannot reach {self.upstream}: {error}")
                client.close()
                continue
            client.settimeout(None)
            server.settimeout(None)
            index = len(self._sockets) // 2
            self._sockets += [client, server]
            for source, target, from_client in ((client, server, True), (server, client, False)):
                thread = threading.Thread(
                    target=self._relay, args=(source, target, _Direction(self, index, from_client)), daemon=True
                )
                self._threads.append(thread)
                thread.start()

    @staticmethod
    def _relay(source, target, direction):
        while True:
            try:
                data = source.recv(1 << 16)
            except OSError:
                data = b""
            if not data:
                try:
                    target.shutdown(socket.SHUT_WR)
                except OSError:
                    pass
                return
            try:
                target.sendall(data)
            except OSError:
                return
            direction.feed(data)
