"""A real local SMTP server (aiosmtpd) that keeps the messages it receives (what the reminder emails reach), and
refuses the addresses it is told to."""
import socket
import threading
from email import message_from_bytes

from aiosmtpd.controller import Controller


class MailServer:
    def __init__(self):
        self.messages = []
        self.refused = set()  # addresses it answers 550 for
        self.arrived = threading.Event()
        server = self

        class Handler:
            async def handle_RCPT(self, _server, _session, envelope, address, _options):  # aiosmtpd's hook name
                if address in server.refused:
                    return "550 No such mailbox"
                envelope.rcpt_tos.append(address)
                return "250 OK"

            async def handle_DATA(self, _server, _session, envelope):  # aiosmtpd's hook name
                server.messages.append((list(envelope.rcpt_tos), message_from_bytes(envelope.content)))
                server.arrived.set()
                return "250 OK"

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def recipients(self):
        return sorted(address for addresses, _message in self.messages for address in addresses)

    def close(self):
        self.controller.stop()
