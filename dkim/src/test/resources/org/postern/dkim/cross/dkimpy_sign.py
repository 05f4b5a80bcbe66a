#!/usr/bin/python3
"""Sign stdin with dkimpy and write the signed message to stdout.

  dkimpy_sign.py KEY_FILE DOMAIN SELECTOR ALGORITHM CANONICALIZATION
KEY_FILE is PEM (RSA) or the base64 Ed25519 seed; ALGORITHM rsa-sha256 or ed25519-sha256."""
import sys

import dkim


def main():
    key_file, domain, selector, algorithm, canonicalization = sys.argv[1:6]
    header_c, body_c = canonicalization.split("/")
    message = sys.stdin.buffer.read()
    signature = dkim.sign(
        message,
        selector.encode(),
        domain.encode(),
        open(key_file, "rb").read(),
        canonicalize=(header_c.encode(), body_c.encode()),
        signature_algorithm=algorithm.encode(),
        include_headers=[b"from", b"to", b"subject"],
    )
    sys.stdout.buffer.write(signature + message)


if __name__ == "__main__":
    main()
