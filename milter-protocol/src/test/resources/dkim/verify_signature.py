#!/usr/bin/python3
"""Checks the DKIM-Signature of a message with dkimpy, the public key coming from the TXT
record file that opendkim-genkey wrote instead of from DNS.

usage: verify_signature.py RECORD_FILE DOMAIN SELECTOR MESSAGE_FILE
Prints one line; exits 0 when the signature verifies, 1 when it does not.
"""
import re
import sys

import dkim


def public_key_record(path):
    # The file looks like: test._domainkey IN TXT ( "v=DKIM1; ..." "p=..." ) ; comment
    with open(path, encoding="ascii") as record:
        return "".join(re.findall(r'"([^"]*)"', record.read())).encode("ascii")


def main():
    record_file, domain, selector, message_file = sys.argv[1:5]
    record = public_key_record(record_file)
    key_name = "%s._domainkey.%s." % (selector, domain)

    def lookup(name, timeout=5):
        text = name.decode() if isinstance(name, bytes) else name
        return record if text.rstrip(".").lower() + "." == key_name.lower() else None

    with open(message_file, "rb") as message:
        signed = message.read()
    verified = dkim.verify(signed, dnsfunc=lookup)
    print("dkim verify: %s" % ("pass" if verified else "fail"))
    sys.exit(0 if verified else 1)


if __name__ == "__main__":
    main()
