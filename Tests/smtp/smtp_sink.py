"""A loopback SMTP sink for the tests, on Debian's python3-aiosmtpd.

Listens on 127.0.0.1 on a free port and prints one JSON line per event on stdout:
  {"event": "listening", "port": N}
  {"event": "refused", "to": [...]}          (the first --refuse messages get 451)
  {"event": "message", "from": ..., "to": [...], "message_id": ..., "subject": ...,
   "text": ..., "html": ...}                 (the decoded parts of an accepted message)
Runs until it is terminated.
"""
import argparse
import asyncio
import json
from email import message_from_bytes, policy

from aiosmtpd.smtp import SMTP


def emit(event):
    print(json.dumps(event), flush=True)


class Sink:
    def __init__(self, refuse):
        self.refuse = refuse

    async def handle_DATA(self, server, session, envelope):
        if self.refuse > 0:
            self.refuse -= 1
            emit({"event": "refused", "to": envelope.rcpt_tos})
            return "451 4.3.0 Try again later"
        message = message_from_bytes(envelope.content, policy=policy.default)
        text, html = message.get_body(("plain",)), message.get_body(("html",))
        emit({
            "event": "message",
            "from": envelope.mail_from,
            "to": envelope.rcpt_tos,
            "message_id": str(message["Message-ID"]),
            "subject": str(message["Subject"]),
            "text": text.get_content() if text else "",
            "html": html.get_content() if html else "",
        })
        return "250 2.0.0 OK"


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--refuse", type=int, default=0)
    args = parser.parse_args()
    sink = Sink(args.refuse)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(sink, hostname="sink.test"), "127.0.0.1", 0)
    emit({"event": "listening", "port": server.sockets[0].getsockname()[1]})
    await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
