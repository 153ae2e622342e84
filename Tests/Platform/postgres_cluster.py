"""A throwaway PostgreSQL cluster on a free loopback port, its data in a temporary directory,
stopped and removed afterwards (the Python twin of Tests/Support/PostgresCluster).

initdb refuses to run as root: as root the cluster runs as the `postgres` system user through
runuser, with its directory owned by that user. A missing `postgresql` is a failure that says to
run ./setup.sh, never a skip.
"""

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PostgresCluster:
    def __init__(self):
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not found:
            raise RuntimeError("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): run ./setup.sh")
        self.bin = os.path.dirname(found[-1])
        self.user = "postgres" if os.geteuid() == 0 else None
        self.directory = tempfile.mkdtemp(prefix="room619-pg-")
        os.chmod(self.directory, 0o755)
        if self.user:
            entry = pwd.getpwnam(self.user)
            os.chown(self.directory, entry.pw_uid, entry.pw_gid)
        self.data = os.path.join(self.directory, "data")
        self.port = free_port()
        self.run("initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")
        self.run(
            "pg_ctl", "start", "-w", "-D", self.data, "-l", os.path.join(self.directory, "server.log"),
            "-o", f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=on",
        )
        self.databases = 0

    def run(self, program, *arguments):
        command = [os.path.join(self.bin, program), *arguments]
        if self.user:
            command = ["/usr/sbin/runuser", "-u", self.user, "--", *command]
        completed = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd="/")
        if completed.returncode != 0:
            raise RuntimeError(f"{program} failed: {completed.stdout}\n{completed.stderr}")
        return completed.stdout

    def new_database(self):
        """A fresh database in the cluster; its URL."""
        self.databases += 1
        name = f"room619_{self.databases}"
        self.run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name)
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def psql(self, url, sql):
        """Runs `sql` with psql (the real client); its unaligned, tuples-only output."""
        completed = subprocess.run(
            [os.path.join(self.bin, "psql"), url, "-v", "ON_ERROR_STOP=1", "-At", "-c", sql],
            capture_output=True, text=True, timeout=60,
        )
        if completed.returncode != 0:
            raise RuntimeError(f"psql failed: {completed.stderr}")
        return completed.stdout

    def stop(self):
        try:
            self.run("pg_ctl", "stop", "-D", self.data, "-m", "immediate", "-w")
        finally:
            shutil.rmtree(self.directory, ignore_errors=True)
