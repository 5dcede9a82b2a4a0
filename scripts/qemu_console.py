"""A QEMU boot's serial output (the process's stdout), read as it comes:
shared by scripts/bench.py, scripts/bench_linux.py and scripts/profile.py."""


def read_until(stream, pattern, chunk=65536):
    """Bytes from stream until pattern (a compiled bytes regex) matches them,
    or the stream ends."""
    out = b""
    while not pattern.search(out):
        data = stream.read1(chunk)
        if not data:
            break
        out += data
    return out
