#!/usr/bin/python3
"""Verify every DKIM-Signature of MESSAGE with dkimpy, keys from DNS_FILE ("name value" lines).

Exit 0 when all signatures verify; prints one line per signature."""
import sys

import dkim


def main():
    dns_file, message_file = sys.argv[1], sys.argv[2]
    records = {}
    for line in open(dns_file, encoding="ascii"):
        if line.strip():
            name, value = line.strip().split(None, 1)
            records[name.lower().rstrip(".") + "."] = value.encode()

    def dnsfunc(qname, timeout=5):
        q = qname.decode() if isinstance(qname, bytes) else qname
        return records.get(q.lower().rstrip(".") + ".")

    message = open(message_file, "rb").read()
    verifier = dkim.DKIM(message)
    count = len([h for h in verifier.headers if h[0].lower() == b"dkim-signature"])
    ok = count > 0
    for index in range(count):
        passed = verifier.verify(idx=index, dnsfunc=dnsfunc)
        print("dkimpy signature %d: %s" % (index, "pass" if passed else "fail"))
        ok = ok and passed
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
